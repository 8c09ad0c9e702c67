using System.Globalization;
using System.Text;

namespace Dossiers.Projections.Search;

/// <summary>
/// How names, id numbers and codes are folded for searching, the same for what is stored and what is asked:
/// lower case, Vietnamese tone and vowel marks removed ("Nguyễn" → "nguyen", "Ư" → "u"), "đ" → "d" (it is a letter of
/// its own, not a d with a mark, so Unicode decomposition leaves it), and every run of anything but letters and digits
/// one space ("057.01.90.H48-260302-0001" → "057 01 90 h48 260302 0001"). Pure and culture-free, so a projection
/// rebuilt on another machine stores the same text.
/// </summary>
public static class TextFold
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark) continue;
            // Ð/ð (U+00D0/U+00F0, the eth) stand in for Đ/đ in text converted from old Vietnamese encodings.
            var letter = c switch { 'đ' or 'Đ' or 'Ð' or 'ð' => 'd', _ => char.ToLowerInvariant(c) };
            if (char.IsLetterOrDigit(letter))
            {
                if (pendingSpace && folded.Length > 0) folded.Append(' ');
                pendingSpace = false;
                folded.Append(letter);
            }
            else pendingSpace = true;
        }
        return folded.ToString();
    }

    /// <summary>What a dossier is found by: the applicant's name, their identity number when the dossier records one, and the code.</summary>
    public static string Of(string? name, string? idNumber, string? code) =>
        string.Join(' ', new[] { Fold(name), Fold(idNumber), Fold(code) }.Where(t => t.Length > 0));
}
