namespace Dossiers.Engine.Agencies;

/// <summary>
/// An agency or unit with its QCVN 102 identifier (e.g. 000.00.05.H48): what kind of unit it is, at which level, under
/// whom, and which communes it is competent for (<paramref name="Serves"/>, by their people's committee's code;
/// empty for units competent for the whole province).
/// </summary>
public sealed record Agency(string Code, string Name, string? ShortName, string? Parent, string Level, string Kind,
    IReadOnlyList<string>? Serves = null)
{
    public IReadOnlyList<string> Communes => Serves ?? [];
}

/// <summary>The kinds of unit the registry and the workflows' agency references speak of.</summary>
public static class AgencyKinds
{
    public const string PeopleCommittee = "people-committee";
    public const string ServiceCentre = "service-centre";
    public const string Police = "police";

    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [PeopleCommittee] = "UBND", [ServiceCentre] = "TTPVHCC", [Police] = "Công an", ["economic-office"] = "Phòng Kinh tế",
        ["culture-social-office"] = "Phòng Văn hóa - Xã hội", ["land-office"] = "Chi nhánh VPĐKĐĐ", ["tax"] = "Thuế cơ sở",
        ["social-insurance"] = "BHXH cơ sở", ["department"] = "Sở",
    };

    /// <summary>The kind as people read it on a diagram; the kind itself when we have no Vietnamese name for it.</summary>
    public static string Vietnamese(string kind) => Names.GetValueOrDefault(kind, kind);
}

/// <summary>The levels of the two-tier local government (Luật Tổ chức chính quyền địa phương 2025).</summary>
public static class AgencyLevels
{
    public const string Province = "province";
    public const string Commune = "commune";
}
