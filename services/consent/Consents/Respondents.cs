using Marten;
using TrustSafety.Consent.ConsentTypes;
using TrustSafety.Consent.Pupils;

namespace TrustSafety.Consent.Consents;

/// <summary>Who may answer for a pupil and how, as a response and a withdrawal both record it.</summary>
public static class Respondents
{
    public static readonly string[] Relationships = ["mother", "father", "parent", "carer", "guardian", "social-worker", "pupil"];
    public static readonly string[] Channels = ["paper", "email", "app", "phone", "in-person", "letter"];

    public static FieldErrors Valid(FieldErrors v, string? id, string? relationship, string? channel) => v
        .Id(id, "respondentId")
        .Require(relationship is not null && Relationships.Contains(relationship), "relationship",
            $"Give one of: {string.Join(", ", Relationships)}.")
        .Require(channel is not null && Channels.Contains(channel), "channel", $"Give one of: {string.Join(", ", Channels)}.");

    /// <summary>The consent type and the pupil a response or withdrawal is about (null: not in the caller's school).</summary>
    public static async Task<(ConsentType?, Pupil?)> Load(IQuerySession session, string type, string pupilId, CancellationToken ct) =>
        (await session.LoadAsync<ConsentType>(StreamIds.ConsentType(type), ct), await session.LoadAsync<Pupil>(StreamIds.Pupil(pupilId), ct));
}
