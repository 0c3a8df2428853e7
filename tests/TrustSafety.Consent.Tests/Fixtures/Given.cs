namespace TrustSafety.Consent.Tests.Fixtures;

/// <summary>Small builders for decider tables.</summary>
internal static class Given
{
    public static readonly AcademicYear SchoolYear = new(8, 31);
    public static readonly DateTimeOffset Now = new(2026, 9, 10, 9, 0, 0, TimeSpan.Zero);
    public static readonly Respondent Mum = new("guardian-1", "mother", "paper");

    public static DateOnly D(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd");

    public static ConsentType Type(ConsentMode mode = ConsentMode.OptIn, RenewalKind renewal = RenewalKind.AcademicYear,
        params (string PublishedOn, bool RequiresFresh)[] laterWordings)
    {
        var type = new ConsentType
        {
            Code = "website", Name = "Website", Photographic = true, Online = true, Mode = mode, Renewal = new RenewalPolicy(renewal),
            Wordings = [new WordingVersion(1, "v1", true, D("2026-09-01"))],
        };
        foreach (var (on, fresh) in laterWordings)
            type.Wordings.Add(new WordingVersion(type.Wordings.Count + 1, $"v{type.Wordings.Count + 1}", fresh, D(on)));
        return type;
    }

    /// <summary>Answers as "given:2026-09-10:v1", "declined:2026-09-12", "withdrawn:2026-10-01".</summary>
    public static PupilConsent Answers(ConsentType type, params string[] answers)
    {
        var consent = new PupilConsent { PupilId = "p1", TypeCode = type.Code };
        foreach (var answer in answers)
        {
            var parts = answer.Split(':');
            var on = D(parts[1]);
            var version = parts.Length > 2 ? int.Parse(parts[2].TrimStart('v')) : 1;
            switch (parts[0])
            {
                case "given":
                    consent.Apply(new ConsentGranted(Guid.NewGuid(), "p1", type.Code, version, Mum, on, type.ValidUntil(on, SchoolYear), Now, "staff"));
                    break;
                case "declined":
                    consent.Apply(new ConsentRefused(Guid.NewGuid(), "p1", type.Code, version, Mum, on, Now, "staff"));
                    break;
                case "withdrawn":
                    consent.Apply(new ConsentRevoked(Guid.NewGuid(), "p1", type.Code, Mum, on, Now, "staff"));
                    break;
                default: throw new ArgumentException(answer);
            }
        }
        return consent;
    }
}
