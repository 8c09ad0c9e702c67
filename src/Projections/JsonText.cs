using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Dossiers.Projections;

/// <summary>How our JSON writes text, in the store and on the wire.</summary>
public static class JsonText
{
    /// <summary>
    /// Every letter as itself (Vietnamese included); only what could end a string or open markup (<c>"</c>, <c>\</c>,
    /// <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, <c>'</c>, control characters) is escaped, as with the default encoder.
    /// </summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
}
