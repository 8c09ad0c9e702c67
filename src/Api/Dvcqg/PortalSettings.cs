using Dossiers.Engine.Dvcqg;

namespace Dossiers.Api.Dvcqg;

/// <summary>
/// The national portal's sync adapter (section <c>Dvcqg</c>). Sync is off while <see cref="BaseUrl"/> is empty, the
/// default: a centre turns it on with the address and account the portal's operator gave it.
/// </summary>
public sealed record PortalSettings(
    Uri? BaseUrl,
    string Username,
    string Password,
    int ApplicantKind,
    int SessionErrorCode,
    TimeSpan AttemptTimeout,
    TimeSpan RetryDelay,
    TimeSpan MaxBackoff)
{
    public bool Enabled => BaseUrl is not null;

    public PortalMapping Mapping => new(ApplicantKind);

    public static PortalSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Dvcqg");
        var baseUrl = section["BaseUrl"];
        Uri? address = null;
        if (!string.IsNullOrWhiteSpace(baseUrl)
            && (!Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out address) || address.Scheme is not ("http" or "https")))
            throw new InvalidOperationException($"Dvcqg:BaseUrl must be an absolute http or https address (or empty to turn the sync off), not '{baseUrl}'.");
        return new PortalSettings(
            address,
            section["Username"] ?? "",
            section["Password"] ?? "",
            section.GetValue("LoaiDoiTuong", 1),
            section.GetValue("SessionErrorCode", 401),
            section.GetValue("AttemptTimeout", TimeSpan.FromSeconds(10)),
            section.GetValue("RetryDelay", TimeSpan.FromSeconds(2)),
            section.GetValue("MaxBackoff", TimeSpan.FromMinutes(1)));
    }
}
