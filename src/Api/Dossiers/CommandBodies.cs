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

public sealed record CompleteTaskBody(string? Outcome, string? Note, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check() => new RequestCheck().RequiredText("outcome", Outcome, 100).Text("note", Note, 2000);
}

/// <param name="Items">Everything missing, in one request (Mẫu 02 guides the applicant once).</param>
/// <param name="AcknowledgeViolation">Set to record a request beyond the procedure's limit as a violation.</param>
public sealed record SupplementRequestBody(List<string>? Items, string? Reason, bool? AcknowledgeViolation, long? ExpectedVersion) : ICommandBody
{
    public const int MaxItems = 50;

    public RequestCheck Check()
    {
        var check = new RequestCheck().Required("items", Items).RequiredText("reason", Reason, 1000);
        if (Items is { Count: 0 }) check.Fail("items", "must list every missing item (at least one).");
        if (Items is { Count: > MaxItems }) check.Fail("items", $"must list at most {MaxItems} items.");
        for (var i = 0; i < Math.Min(Items?.Count ?? 0, MaxItems); i++) check.RequiredText($"items[{i}]", Items![i], 300);
        return check;
    }
}

public sealed record PaymentRequestBody(decimal? Amount, string? Reason, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check()
    {
        var check = new RequestCheck().RequiredText("reason", Reason, 1000);
        if (Amount is < 0 or > 1_000_000_000_000m) check.Fail("amount", "must be between 0 and 1,000,000,000,000 VND.");
        return check;
    }
}

/// <param name="NewDueAt">The new appointment, ISO 8601 with an offset.</param>
public sealed record ApologyBody(string? Reason, DateTimeOffset? NewDueAt, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check() => new RequestCheck().RequiredText("reason", Reason, 1000).Required("newDueAt", NewDueAt);
}

/// <param name="StepMapping">Each active step of the current version → the step of the new version where it continues.</param>
public sealed record MigrateBody(int? ToVersion, Dictionary<string, string>? StepMapping, string? Reason, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check()
    {
        var check = new RequestCheck().Required("toVersion", ToVersion).Required("stepMapping", StepMapping).RequiredText("reason", Reason, 1000);
        if (ToVersion is < 1) check.Fail("toVersion", "must be a positive version.");
        foreach (var (from, to) in StepMapping ?? [])
            check.RequiredText($"stepMapping.{from}", to, 200);
        return check;
    }
}
