using System.IO.Compression;
using System.Text;
using Dossiers.Api.Files;

namespace Dossiers.Tests.Files;

/// <summary>Types are told by content: what a centre receives is accepted and named, executables and anything unknown are not.</summary>
public class when_recognising_file_types
{
    private static string? Detected(byte[] head) => FileTypes.Detect(head).MediaType;

    private static byte[] Zip(params (string Name, string Content, bool Stored)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content, stored) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, stored ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open());
                writer.Write(content);
            }
        return buffer.ToArray();
    }

    [Fact]
    public void documents_and_images_are_named_by_their_magic_bytes()
    {
        Detected("%PDF-1.4\n"u8.ToArray()).ShouldBe("application/pdf");
        Detected(FileUploadRequests.Png(100)).ShouldBe("image/png");
        Detected([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).ShouldBe("image/jpeg");
        Detected("II*\0\x08\0\0\0"u8.ToArray()).ShouldBe("image/tiff");
        Detected("MM\0*\0\0\0\x08"u8.ToArray()).ShouldBe("image/tiff");
        Detected("GIF89a\x01\0"u8.ToArray()).ShouldBe("image/gif");
        Detected("RIFF\x24\0\0\0WEBPVP8 "u8.ToArray()).ShouldBe("image/webp");
        Detected("\uFEFF<?xml version=\"1.0\"?><Signature/>"u8.ToArray()).ShouldBe("application/xml");
        // A DER SignedData (.p7s): SEQUENCE, long length, then the OID 1.2.840.113549.1.7.2.
        Detected([0x30, 0x82, 0x05, 0x10, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02, 0xA0]).ShouldBe("application/pkcs7-signature");
        Detected([0x30, 0x80, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]).ShouldBe("application/pkcs7-signature");
        Detected([0x30, 0x82, 0x05, 0x10, 0x02, 0x01, 0x00]).ShouldBeNull();   // some other DER structure (a key, a certificate)
    }

    [Fact]
    public void a_zip_is_accepted_only_as_an_office_document_that_names_itself()
    {
        Detected(Zip(("mimetype", "application/vnd.oasis.opendocument.text", true), ("content.xml", "<office:document-content/>", false)))
            .ShouldBe("application/vnd.oasis.opendocument.text");
        Detected(Zip(("[Content_Types].xml", "<Types/>", false), ("_rels/.rels", "<Relationships/>", false), ("word/document.xml", "<w:document/>", false)))
            .ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        Detected(Zip(("[Content_Types].xml", "<Types/>", false), ("xl/workbook.xml", "<workbook/>", false)))
            .ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Detected(Zip(("mimetype", "text/plain", true))).ShouldBeNull();
        Detected(Zip(("[Content_Types].xml", "<Types/>", false), ("payload.exe", "MZ", false))).ShouldBeNull();
        var refusal = FileTypes.Detect(Zip(("setup.exe", "MZ", false), ("readme.txt", "hi", false))).Refusal!;
        refusal.ShouldContain("zip archive that is not an Office Open XML or OpenDocument file");
        refusal.ShouldContain("Accepted: PDF");
    }

    [Fact]
    public void executables_scripts_and_unknown_content_are_refused_and_named()
    {
        FileTypes.Detect(FileUploadRequests.Exe(100)).Refusal!.ShouldContain("Windows executable");
        FileTypes.Detect([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1]).Refusal!.ShouldContain("ELF executable");
        FileTypes.Detect(Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf /\n")).Refusal!.ShouldContain("script");
        FileTypes.Detect(Encoding.UTF8.GetBytes("just some text")).Refusal!.ShouldContain("not accepted");
        FileTypes.Detect(Encoding.UTF8.GetBytes("<html><script>")).Accepted.ShouldBeFalse();
    }
}
