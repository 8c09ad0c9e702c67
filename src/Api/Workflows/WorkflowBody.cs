using System.Text;

namespace Dossiers.Api.Workflows;

/// <summary>Workflow endpoints take the definition file itself as the body, exactly as an integrator saved it.</summary>
public static class WorkflowBody
{
    /// <summary>Definitions are small; a megabyte is far beyond any real procedure.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static async Task<string> Read(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes)
            throw new BadHttpRequestException($"A workflow definition may be at most {MaxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxBytes + 1];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxBytes)
                throw new BadHttpRequestException($"A workflow definition may be at most {MaxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }
        return text.ToString();
    }
}
