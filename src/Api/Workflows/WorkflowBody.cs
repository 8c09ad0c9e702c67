using System.Text;

namespace Dossiers.Api.Workflows;

/// <summary>Workflow endpoints take the definition file itself as the body, exactly as an integrator saved it.</summary>
public static class WorkflowBody
{
    /// <summary>Definitions are small; a megabyte is far beyond any real procedure.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <remarks>The size limit is applied before this by <c>InputLimits</c> (413), per request.</remarks>
    public static async Task<string> Read(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }
}
