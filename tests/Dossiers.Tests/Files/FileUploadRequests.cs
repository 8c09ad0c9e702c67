using System.Net.Http.Headers;

namespace Dossiers.Tests.Files;

/// <summary>Files as a client sends them: multipart/form-data with a part named "file", and real magic bytes in front.</summary>
public static class FileUploadRequests
{
    public static byte[] Pdf(int size, int seed = 1) => WithHead("%PDF-1.7\n%\u00e2\u00e3\n"u8.ToArray(), size, seed);

    public static byte[] Png(int size, int seed = 2) => WithHead([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], size, seed);

    /// <summary>What a Windows program starts with: "MZ", then the DOS header.</summary>
    public static byte[] Exe(int size, int seed = 3) => WithHead("MZ\x90\0\x03\0\0\0"u8.ToArray(), size, seed);

    public static byte[] WithHead(byte[] head, int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        head.CopyTo(bytes, 0);
        return bytes;
    }

    public static MultipartFormDataContent Multipart(HttpContent file, string fileName, string declaredType = "application/octet-stream",
        string? document = null, string? kind = null)
    {
        var form = new MultipartFormDataContent();
        if (document is not null) form.Add(new StringContent(document), "document");
        if (kind is not null) form.Add(new StringContent(kind), "kind");
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        form.Add(file, "file", fileName);
        return form;
    }

    public static MultipartFormDataContent Multipart(byte[] bytes, string fileName, string declaredType = "application/octet-stream",
        string? document = null, string? kind = null) => Multipart(new ByteArrayContent(bytes), fileName, declaredType, document, kind);

    public static async Task<HttpResponseMessage> Upload(this HttpClient client, Guid dossier, string token, HttpContent body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/dossiers/{dossier}/files") { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> Get(this HttpClient client, string url, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
