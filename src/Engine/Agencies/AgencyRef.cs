namespace Dossiers.Engine.Agencies;

/// <summary>
/// Where a workflow step works, as its definition names it. One province-wide definition serves every centre, so a
/// step names its agency relative to the dossier and the engine resolves it once per dossier (recorded in the events):
/// <list type="bullet">
/// <item><c>receiving-centre</c>: the service centre whose desk received the dossier;</item>
/// <item><c>competent:&lt;kind&gt;</c>: the unit of that kind competent for the dossier's commune, e.g. <c>competent:police</c>;</item>
/// <item>a registry code such as <c>000.00.05.H48</c>: that unit, whichever the commune (the fixed form of older files).</item>
/// </list>
/// </summary>
public abstract record AgencyRef
{
    public const string ReceivingCentreNotation = "receiving-centre";
    public const string CompetentPrefix = "competent:";

    /// <summary>The text written in the definition.</summary>
    public abstract string Notation { get; }

    public sealed record Fixed(string Code) : AgencyRef
    {
        public override string Notation => Code;
    }

    public sealed record ReceivingCentre : AgencyRef
    {
        public override string Notation => ReceivingCentreNotation;
    }

    public sealed record Competent(string Kind) : AgencyRef
    {
        public override string Notation => CompetentPrefix + Kind;
    }

    public static AgencyRef Parse(string text) => text.Trim() switch
    {
        ReceivingCentreNotation => new ReceivingCentre(),
        var t when t.StartsWith(CompetentPrefix, StringComparison.Ordinal) => new Competent(t[CompetentPrefix.Length..].Trim()),
        var t => new Fixed(t),
    };

    public sealed override string ToString() => Notation;
}

/// <summary>Where one dossier stands: the centre that received it and the commune whose units are competent for it.</summary>
public sealed record Jurisdiction(string ReceivingCentre, string Commune);
