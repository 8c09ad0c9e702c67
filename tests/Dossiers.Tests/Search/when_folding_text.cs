using Dossiers.Projections.Search;

namespace Dossiers.Tests.Search;

/// <summary>The fold the search entries store and every query goes through (pure, no database).</summary>
public class when_folding_text
{
    [Theory]
    [InlineData("Nguyễn Văn An", "nguyen van an")]
    [InlineData("NGUYỄN VĂN AN", "nguyen van an")]
    [InlineData("Đinh", "dinh")]
    [InlineData("đinh", "dinh")]
    [InlineData("\u00D0inh", "dinh")]
    [InlineData("Trương Thị Ưng Ơn", "truong thi ung on")]
    [InlineData("Hoàng  Thị\tHuệ ", "hoang thi hue")]
    [InlineData("057.01.90.H48-260302-0001", "057 01 90 h48 260302 0001")]
    [InlineData(" -- ", "")]
    [InlineData(null, "")]
    public void accents_case_and_punctuation_fold_away(string? text, string folded) => TextFold.Fold(text).ShouldBe(folded);

    [Fact]
    public void composed_and_decomposed_letters_fold_alike() =>
        TextFold.Fold("Nguye\u0302\u0303n").ShouldBe(TextFold.Fold("Nguy\u1EC5n"));

    [Fact]
    public void a_dossier_is_found_by_its_name_number_and_code() =>
        TextFold.Of("Lê Thị Hoa", "051090000123", "057.01.90.H48-260302-0001").ShouldBe("le thi hoa 051090000123 057 01 90 h48 260302 0001");
}
