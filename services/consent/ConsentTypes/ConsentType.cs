using Marten.Metadata;

namespace TrustSafety.Consent.ConsentTypes;

/// <summary>Opt-in: only a recorded, current "yes" counts. Opt-out: yes unless a guardian opted out.</summary>
public enum ConsentMode { OptIn, OptOut }

/// <summary>AcademicYear: a "yes" counts until the end of the academic year it was given in. UntilWithdrawn: no expiry.</summary>
public enum RenewalKind { AcademicYear, UntilWithdrawn }

/// <summary>
/// A per-type override of the academic-year end (e.g. trips consent ending 31 July); null uses the
/// configured academic-year boundary.
/// </summary>
public sealed record RenewalPolicy(RenewalKind Kind, int? EndMonth = null, int? EndDay = null);

public sealed record WordingVersion(int Version, string Text, bool RequiresFreshConsent, DateOnly PublishedOn);

public sealed record ConsentTypeDefined(
    string Code, string Name, bool Photographic, bool Online, ConsentMode Mode, RenewalPolicy Renewal, string Wording,
    DateOnly PublishedOn, DateTimeOffset At, string DefinedBy);
public sealed record ConsentWordingPublished(string Code, int Version, string Text, bool RequiresFreshConsent, DateOnly PublishedOn,
    DateTimeOffset At, string PublishedBy);
public sealed record ConsentTypeSettingsChanged(string Code, ConsentMode Mode, RenewalPolicy Renewal, DateTimeOffset At, string ChangedBy);

public sealed class ConsentType : ITenanted
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string? TenantId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Covers taking or using images of the pupil: drives the do-not-photograph list.</summary>
    public bool Photographic { get; set; }
    /// <summary>Published online: full names never, first names only with the first-name consent.</summary>
    public bool Online { get; set; }
    public ConsentMode Mode { get; set; }
    public RenewalPolicy Renewal { get; set; } = new(RenewalKind.AcademicYear);
    public List<WordingVersion> Wordings { get; set; } = [];

    public WordingVersion CurrentWording => Wordings[^1];

    public static ConsentType Create(ConsentTypeDefined e) => new()
    {
        Code = e.Code, Name = e.Name, Photographic = e.Photographic, Online = e.Online, Mode = e.Mode, Renewal = e.Renewal,
        Wordings = [new WordingVersion(1, e.Wording, true, e.PublishedOn)],
    };

    public void Apply(ConsentWordingPublished e) => Wordings.Add(new WordingVersion(e.Version, e.Text, e.RequiresFreshConsent, e.PublishedOn));

    public void Apply(ConsentTypeSettingsChanged e) { Mode = e.Mode; Renewal = e.Renewal; }

    /// <summary>The last day a "yes" given on <paramref name="givenOn"/> counts; null when it lasts until withdrawn.</summary>
    public DateOnly? ValidUntil(DateOnly givenOn, AcademicYear schoolYear) => Renewal.Kind switch
    {
        RenewalKind.UntilWithdrawn => null,
        _ => (Renewal.EndMonth is { } m && Renewal.EndDay is { } d ? new AcademicYear(m, d) : schoolYear).EndOfYearContaining(givenOn),
    };

    /// <summary>The first wording published after <paramref name="version"/> that requires fresh consent, in force by <paramref name="day"/>.</summary>
    public WordingVersion? SupersedingWording(int version, DateOnly day) =>
        Wordings.FirstOrDefault(w => w.Version > version && w.RequiresFreshConsent && w.PublishedOn <= day);
}

/// <summary>The consent types the trust's policies name; a school adds them in one call and then its own.</summary>
public static class StandardConsentTypes
{
    public const string FirstNameWithPhoto = "first-name-with-photo";
    public const string PhotoRetention = "photo-retention";

    public static readonly IReadOnlyList<(string Code, string Name, bool Photographic, bool Online, RenewalKind Renewal, string Wording)> All =
    [
        ("displays", "Photographs in school displays", true, false, RenewalKind.AcademicYear,
            "Photographs of my child may be used in displays inside school and in learning journeys."),
        ("newsletters", "Photographs in newsletters", true, false, RenewalKind.AcademicYear,
            "Photographs of my child may appear in printed school newsletters, leaflets and posters."),
        ("website", "Photographs on the school website", true, true, RenewalKind.AcademicYear,
            "Photographs of my child may be published on the school website. Full names are never used online."),
        ("social-media", "Photographs on school social media", true, true, RenewalKind.AcademicYear,
            "Photographs of my child may be published on the school's official social media accounts. Full names are never used online."),
        ("press", "Photographs in the press", true, false, RenewalKind.AcademicYear,
            "Photographs of my child may be given to the local press for school news."),
        ("video", "Video recordings", true, false, RenewalKind.AcademicYear,
            "My child may be video-recorded for school use."),
        (FirstNameWithPhoto, "First name with photographs", false, false, RenewalKind.AcademicYear,
            "My child's first name may accompany their photograph. Full names are never used online."),
        ("internet-access", "Internet access", false, false, RenewalKind.AcademicYear,
            "My child may use the school's filtered and monitored internet access."),
        ("trips", "Educational visits", false, false, RenewalKind.AcademicYear,
            "My child may take part in local educational visits during the school day."),
        (PhotoRetention, "Keeping photographs after leaving", false, false, RenewalKind.UntilWithdrawn,
            "Photographs of my child may be kept for a limited number of years after they leave the school."),
    ];
}
