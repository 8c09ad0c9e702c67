namespace Dossiers.Api.Auth;

/// <summary>The roles of docs/domain.md §4, and the national portal as a client. An officer and a desk also carry an agency claim.</summary>
public static class Roles
{
    public const string Desk = "desk";
    public const string Officer = "officer";
    public const string Auditor = "auditor";
    public const string Integrator = "integrator";
    public const string Controller = "controller";
    public const string Admin = "admin";
    /// <summary>The national public-service portal (Cổng DVCQG) as a client: it submits online dossiers and nothing else.</summary>
    public const string Portal = "portal";
    /// <summary>The operations centre's wall screen (IOC): reads the province's figures and nothing else (docs/console.md).</summary>
    public const string Kiosk = "kiosk";

    public static readonly IReadOnlyList<string> All = [Desk, Officer, Auditor, Integrator, Controller, Admin, Portal, Kiosk];

    /// <summary>Who works on a dossier's steps: agency officers, and desk staff for steps at the centre.</summary>
    public const string AgencyStaff = $"{Officer},{Desk}";

    /// <summary>Everyone who works in the centre or audits it.</summary>
    public const string Staff = $"{Desk},{Officer},{Auditor},{Integrator},{Controller},{Admin}";

    /// <summary>People who read dossiers: everyone but integrators, who only manage workflows.</summary>
    public const string DossierReaders = $"{Desk},{Officer},{Auditor},{Controller},{Admin}";

    /// <summary>Who reads the province's aggregate figures (scorecard, trend, boards, hand-offs): dossier readers and the wall screen.</summary>
    public const string FigureReaders = $"{DossierReaders},{Kiosk}";
}

/// <summary>Claim names in our tokens (kept short and stable; OIDC providers map theirs to these).</summary>
public static class ClaimNames
{
    public const string User = "sub";
    public const string Role = "role";
    public const string Agency = "agency";
    /// <summary>An officer's or desk member's position in their unit: <see cref="Positions.Leader"/> for its leaders.</summary>
    public const string Position = "position";
}

/// <summary>Positions a token may carry in <see cref="ClaimNames.Position"/> (docs/control.md, "Agency and officer evaluation").</summary>
public static class Positions
{
    /// <summary>A leader of the unit (lãnh đạo cơ quan): reads the evaluation of every officer of the unit.</summary>
    public const string Leader = "leader";
}
