using Dossiers.Api.Validation;

namespace Dossiers.Api.Dossiers;

/// <summary>A command body: checks its own fields, and may carry the version the caller last saw.</summary>
public interface ICommandBody
{
    long? ExpectedVersion { get; }
    RequestCheck Check();
}

public sealed record ReasonBody(string? Reason, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check() => new RequestCheck().RequiredText("reason", Reason, 1000);
}

public sealed record NoteBody(string? Note, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check() => new RequestCheck().Text("note", Note, 2000);
}
