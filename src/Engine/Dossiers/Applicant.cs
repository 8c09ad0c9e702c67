namespace Dossiers.Engine.Dossiers;

/// <summary>The dossier owner (chủ hồ sơ). Personal data: never logged, never shown by the public lookup.</summary>
public record Applicant(string Name, string? IdNumber, string? Phone, string? Email, string? Address);

/// <summary>A document in the dossier: original (bản chính), copy (bản sao) or electronic, and whether it was digitised.</summary>
public record DossierDocument(string Name, DocumentKind Kind, bool Digitized);

public enum DocumentKind { Original, Copy, Electronic }

/// <summary>Submission channel (DVCQG KenhThucHien: 1 desk, 2 online, 3 postal).</summary>
public enum Channel { Desk, Online, Postal }
