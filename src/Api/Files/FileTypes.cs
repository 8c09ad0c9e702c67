using System.Buffers.Binary;
using System.Text;

namespace Dossiers.Api.Files;

/// <summary>What the first bytes of a file say it is: an accepted media type, or why it is refused.</summary>
public sealed record DetectedType(string? MediaType, string? Refusal)
{
    public bool Accepted => MediaType is not null;
}

/// <summary>
/// Recognises a file by its content (magic bytes), never by its name or the declared Content-Type: the documents a
/// one-stop centre receives (PDF, scans as PNG/JPEG/TIFF/GIF/WebP, signed electronic documents as XML or a PKCS#7/CMS
/// signature, Office Open XML and OpenDocument files). Executables and scripts are named as such; anything else is
/// unknown. Both are refused, with the list of what is accepted.
/// </summary>
public static class FileTypes
{
    public const string Accepted =
        "PDF, PNG, JPEG, TIFF, GIF, WebP, XML (signed electronic documents), PKCS#7/CMS signatures (.p7s, DER), " +
        "Office Open XML (.docx, .xlsx, .pptx) and OpenDocument (.odt, .ods, .odp) files";

    /// <summary>How many leading bytes <see cref="Detect"/> wants to see (fewer only when the file is shorter).</summary>
    public const int SniffBytes = 64 * 1024;

    public static DetectedType Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return Is("application/pdf");
        if (head.StartsWith(PngSignature)) return Is("image/png");
        if (head.StartsWith(JpegSignature)) return Is("image/jpeg");
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)) return Is("image/tiff");
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Is("image/gif");
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return Is("image/webp");
        if (IsXml(head)) return Is("application/xml");
        if (IsCmsSignedData(head)) return Is("application/pkcs7-signature");
        if (head.StartsWith("PK\x03\x04"u8)) return ZipDocument(head);
        if (head.StartsWith("MZ"u8)) return Refused("a Windows executable (MZ header)");
        if (head.StartsWith("\x7F"u8) && head[1..].StartsWith("ELF"u8)) return Refused("an ELF executable");
        if (head.StartsWith("#!"u8)) return Refused("a script (#!)");
        if (head.StartsWith(JavaOrFatMachO) || head.StartsWith(MachO64)) return Refused("an executable (Mach-O or Java class)");
        return Refused("of a type that is not accepted");
    }

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], JpegSignature = [0xFF, 0xD8, 0xFF],
        Utf8Bom = [0xEF, 0xBB, 0xBF], JavaOrFatMachO = [0xCA, 0xFE, 0xBA, 0xBE], MachO64 = [0xCF, 0xFA, 0xED, 0xFE];

    private static DetectedType Is(string mediaType) => new(mediaType, null);

    private static DetectedType Refused(string what) => new(null, $"The file is {what}. Accepted: {Accepted}.");

    // "<?xml" after an optional UTF-8 byte order mark: how signed XML documents (XML-DSig) begin.
    private static bool IsXml(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Utf8Bom)) head = head[3..];
        return head.StartsWith("<?xml"u8);
    }

    // DER or BER ContentInfo: SEQUENCE (definite or indefinite length), then the OID of signedData, 1.2.840.113549.1.7.2.
    private static readonly byte[] SignedDataOid = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];

    private static bool IsCmsSignedData(ReadOnlySpan<byte> head)
    {
        if (head.Length < 2 + SignedDataOid.Length || head[0] != 0x30) return false;
        var lengthBytes = head[1] switch
        {
            0x80 => 0,                      // indefinite (BER)
            < 0x80 => 0,                    // short form
            >= 0x81 and <= 0x84 => head[1] - 0x80,
            _ => -1,
        };
        if (lengthBytes < 0) return false;
        var oid = 2 + lengthBytes;
        return head.Length >= oid + SignedDataOid.Length && head.Slice(oid, SignedDataOid.Length).SequenceEqual(SignedDataOid);
    }

    /// <summary>
    /// A zip is accepted only as a document package we can name: OpenDocument, whose first entry is the stored
    /// <c>mimetype</c> file naming its type; or Office Open XML, whose first entry is <c>[Content_Types].xml</c> and whose
    /// main part (word/, xl/, ppt/) is among the entries in the first bytes. Any other zip could hold anything.
    /// </summary>
    private static DetectedType ZipDocument(ReadOnlySpan<byte> head)
    {
        if (head.Length < 30) return Refused("a zip archive");
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(head[26..]);
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(head[28..]);
        if (head.Length < 30 + nameLength) return Refused("a zip archive");
        var name = head.Slice(30, nameLength);
        if (name.SequenceEqual("mimetype"u8))
        {
            var method = BinaryPrimitives.ReadUInt16LittleEndian(head[8..]);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(head[18..]);
            var start = 30 + nameLength + extraLength;
            if (method == 0 && size is > 0 and < 100 && head.Length >= start + size)
            {
                var mediaType = Encoding.ASCII.GetString(head.Slice(start, size));
                if (mediaType.StartsWith("application/vnd.oasis.opendocument.", StringComparison.Ordinal) && mediaType.All(c => c is > ' ' and < '\x7F'))
                    return Is(mediaType);
            }
            return Refused("a zip archive whose 'mimetype' entry names no OpenDocument type");
        }
        if (name.SequenceEqual("[Content_Types].xml"u8))
        {
            if (head.IndexOf("word/document.xml"u8) >= 0) return Is("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            if (head.IndexOf("xl/workbook.xml"u8) >= 0) return Is("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            if (head.IndexOf("ppt/presentation.xml"u8) >= 0) return Is("application/vnd.openxmlformats-officedocument.presentationml.presentation");
            return Refused("an Office Open XML package whose main part (word/, xl/ or ppt/) is not among its first entries");
        }
        return Refused("a zip archive that is not an Office Open XML or OpenDocument file");
    }

    /// <summary>The usual extension of an accepted media type, for names we make up (the public result link).</summary>
    public static string Extension(string mediaType) => mediaType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/tiff" => ".tif",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "application/xml" => ".xml",
        "application/pkcs7-signature" => ".p7s",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => ".docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => ".xlsx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => ".pptx",
        "application/vnd.oasis.opendocument.text" => ".odt",
        "application/vnd.oasis.opendocument.spreadsheet" => ".ods",
        "application/vnd.oasis.opendocument.presentation" => ".odp",
        _ => "",
    };
}
