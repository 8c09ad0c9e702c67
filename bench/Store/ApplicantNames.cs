namespace Dossiers.Bench.Store;

/// <summary>
/// Vietnamese full names for seeded applicants, so the large store's search (GET /api/dossiers?q=) has something like a
/// province to look through: common family names weighted roughly as they occur (Nguyễn about a third), middle names and
/// given names, all with their marks. Chosen from a number the seeder already drew, so the seed's other draws (and
/// the store's shape) stay what they were.
/// </summary>
public static class ApplicantNames
{
    private static readonly string[] Family =
        ["Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
         "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Đoàn"];
    private static readonly string[] Middle = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Xuân", "Thu"];
    private static readonly string[] Given =
        ["An", "Anh", "Bình", "Châu", "Cường", "Dũng", "Duyên", "Đạt", "Giang", "Hà", "Hải", "Hằng", "Hiếu", "Hoa", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng",
         "Trang", "Trung", "Tuấn", "Uyên", "Việt", "Vinh", "Xuân", "Yến"];

    /// <summary>The name for a seeded number (any non-negative number; the same number, the same name).</summary>
    public static string For(int number) =>
        $"{Family[number % Family.Length]} {Middle[number / Family.Length % Middle.Length]} {Given[number / (Family.Length * Middle.Length) % Given.Length]}";

    /// <summary>Names the query phase searches for: common ones, so an answer has a full page to rank.</summary>
    public static readonly string[] Searched = ["Nguyễn Văn An", "nguyen thi lan", "TRẦN MINH TUẤN", "le van hung", "Đinh Thị Hoa"];
}
