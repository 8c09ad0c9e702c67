using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Workflows;

/// <summary>A node of the procedure's flowchart. Out ports are the outcomes a connection may start from.</summary>
public abstract record Activity(string Id, string Type)
{
    public abstract IReadOnlyList<string> OutPorts { get; }

    /// <summary>Out ports that may stay unconnected (intake refusal is handled outside the graph).</summary>
    public virtual IReadOnlyList<string> OptionalPorts => [];

    /// <summary>Display name: the title when there is one.</summary>
    public virtual string Label => Id;
}

/// <summary>An activity done at an agency: where, as the definition names it (resolved per dossier).</summary>
public interface IRoutedActivity
{
    string Id { get; }
    AgencyRef Agency { get; }
}

/// <summary>
/// The one-stop desk receives and checks the dossier (tiếp nhận). The start of every workflow. Its agency is
/// <c>receiving-centre</c> (any centre of the province may receive) or, in older files, one centre's code.
/// </summary>
public sealed record IntakeActivity(string Id, AgencyRef Agency, string? Title, Budget? Budget) : Activity(Id, ActivityTypes.Intake), IRoutedActivity
{
    public const string Accepted = "Accepted";
    public const string Refused = "Refused";
    public override IReadOnlyList<string> OutPorts => [Accepted, Refused];
    public override IReadOnlyList<string> OptionalPorts => [Refused];
    public override string Label => Title ?? "Tiếp nhận hồ sơ";
}

/// <summary>Work at one agency; activating it at another agency than the previous step is a hand-over (Mẫu 05).</summary>
public sealed record TaskActivity(string Id, AgencyRef Agency, string Role, string Title, Budget Budget, IReadOnlyList<string> Outcomes)
    : Activity(Id, ActivityTypes.Task), IRoutedActivity
{
    public const string DefaultOutcome = "Done";
    public override IReadOnlyList<string> OutPorts => Outcomes;
    public override string Label => Title;
}

/// <summary>A sandboxed JavaScript condition over the read-only dossier; the port taken is recorded as an event.</summary>
public sealed record DecisionActivity(string Id, string Condition) : Activity(Id, ActivityTypes.Decision)
{
    public const string True = "True";
    public const string False = "False";
    public override IReadOnlyList<string> OutPorts => [True, False];
}

/// <summary>Parallel inter-agency work: every branch port is activated at once.</summary>
public sealed record ForkActivity(string Id, IReadOnlyList<string> Branches) : Activity(Id, ActivityTypes.Fork)
{
    public override IReadOnlyList<string> OutPorts => Branches;
}

public enum JoinMode { WaitAll, WaitAny }

/// <summary>Where parallel branches meet: all of those that can still arrive (WaitAll), or the first (WaitAny).</summary>
public sealed record JoinActivity(string Id, JoinMode Mode) : Activity(Id, ActivityTypes.Join)
{
    public const string Done = "Done";
    public override IReadOnlyList<string> OutPorts => [Done];
}

/// <summary>A financial obligation (thuế, phí, lệ phí): the legal clock stops until payment is recorded.</summary>
public sealed record AwaitPaymentActivity(string Id, AgencyRef Agency, string? Title) : Activity(Id, ActivityTypes.AwaitPayment), IRoutedActivity
{
    public const string Paid = "Paid";
    public override IReadOnlyList<string> OutPorts => [Paid];
    public override string Label => Title ?? "Thực hiện nghĩa vụ tài chính";
}

/// <summary>End: the result is ready (DVCQG 9).</summary>
public sealed record ResultActivity(string Id, string? Title) : Activity(Id, ActivityTypes.Result)
{
    public override IReadOnlyList<string> OutPorts => [];
    public override string Label => Title ?? "Có kết quả";
}

/// <summary>End: refused after appraisal, with a written reason.</summary>
public sealed record RejectActivity(string Id, string? Title) : Activity(Id, ActivityTypes.Reject)
{
    public override IReadOnlyList<string> OutPorts => [];
    public override string Label => Title ?? "Từ chối giải quyết";
}

/// <summary>The activity type names of the published format; stable once published.</summary>
public static class ActivityTypes
{
    public const string Intake = "Dossier.Intake";
    public const string Task = "Dossier.Task";
    public const string AwaitPayment = "Dossier.AwaitPayment";
    public const string Result = "Dossier.Result";
    public const string Reject = "Dossier.Reject";
    public const string Decision = "Elsa.FlowDecision";
    public const string Fork = "Elsa.FlowFork";
    public const string Join = "Elsa.FlowJoin";
    public const string Flowchart = "Elsa.Flowchart";

    public static readonly IReadOnlyList<string> Supported = [Intake, Task, Decision, Fork, Join, AwaitPayment, Result, Reject];
}
