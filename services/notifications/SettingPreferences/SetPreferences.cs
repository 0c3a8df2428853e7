using System.Text.Json.Serialization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Notifications.Recipients;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Notifications.SettingPreferences;

/// <param name="Email">Where urgent notices are emailed; null or empty removes the address.</param>
/// <param name="UrgentEmails">false: in-app notifications only. Default true.</param>
/// <param name="DeputyCover">Deputy DSLs: <c>WhenDslUnavailable</c> (default) or <c>Always</c>.</param>
/// <param name="AwayUntil">Out of office until then (the deputy is emailed instead); null when in.</param>
/// <param name="DailyDigest">One email each school day (Monday to Friday) with counts of what needs your attention; none on a
/// day with nothing to report, none while you are away. Default false.</param>
/// <param name="DigestTime">When the digest is sent, <c>HH:mm</c> in school time (Europe/London). Default <c>07:30</c>.</param>
public sealed record PreferencesChange(string? Email, bool? UrgentEmails, DeputyCover? DeputyCover, DateTimeOffset? AwayUntil,
    bool? DailyDigest = null, string? DigestTime = null);

public sealed record PreferencesView(string Id, string Name, string[] Roles, string? Email, bool UrgentEmails, DeputyCover DeputyCover,
    DateTimeOffset? AwayUntil, bool ReceivesUrgentEmailNow, bool DailyDigest, string DigestTime);

/// <summary>
/// Each member of a school's safeguarding team (and the trust lead) sets their own address and choices: the service never
/// guesses addresses, and a school where nobody has set one is reported to the trust lead at the first urgent notice.
/// </summary>
public static class SetPreferences
{
    public const int MaxEmailLength = 254;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/preferences", Get).RequireAuthorization(Callers.People).WithName("GetNotificationPreferences")
            .WithSummary("The caller's own email address and notification choices.");
        group.MapPut("/preferences", Put).RequireAuthorization(Callers.People).WithName("SetNotificationPreferences")
            .WithSummary("Sets the caller's own email address, urgent-email choice, deputy cover, out-of-office date and daily digest.");
        group.MapGet("/preferences/school", School).RequireAuthorization(Callers.Recipients).WithName("ListSchoolRecipients")
            .WithSummary("Who in the caller's school (or the trust, for the trust lead) would be emailed an urgent notice now.");
    }

    private static async Task<Ok<PreferencesView>> Get(IDocumentStore store, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        await using var session = store.QuerySession(user.Tenant()!);
        var saved = await session.LoadAsync<StaffPreferences>(user.Id, ct)
            ?? new StaffPreferences { Id = user.Id, Name = user.Name, Roles = [.. user.Roles], UrgentEmails = false };
        return TypedResults.Ok(View(saved, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<PreferencesView>, ValidationProblem>> Put(
        PreferencesChange? change, IDocumentStore store, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var problems = Problems(change, now);
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(problems, title: "The notification preferences are not valid");

        await using var session = store.LightweightSession(user.Tenant()!);
        var preferences = new StaffPreferences
        {
            Id = user.Id, Name = user.Name, Roles = [.. user.Roles], Email = string.IsNullOrWhiteSpace(change!.Email) ? null : change.Email.Trim(),
            UrgentEmails = change.UrgentEmails ?? true, DeputyCover = change.DeputyCover ?? DeputyCover.WhenDslUnavailable,
            AwayUntil = change.AwayUntil, UpdatedAt = now, DailyDigest = change.DailyDigest ?? false,
            DigestAt = Digest.DailyDigest.ParseTime(change.DigestTime) ?? Digest.DailyDigest.DefaultTime,
        };
        session.Store(preferences);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(View(preferences, now));
    }

    private static async Task<Ok<IReadOnlyList<PreferencesView>>> School(IDocumentStore store, CurrentUser user, TimeProvider time,
        CancellationToken ct)
    {
        await using var session = store.QuerySession(user.Tenant()!);
        var now = time.GetUtcNow();
        var people = await session.Query<StaffPreferences>().OrderBy(p => p.Name).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<PreferencesView>>([.. people.Select(p => View(p, now))]);
    }

    /// <summary>Every bad field with its fix; empty when the change can be saved.</summary>
    public static Dictionary<string, string[]> Problems(PreferencesChange? change, DateTimeOffset now)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (change is null)
        {
            problems["body"] = ["Send a JSON object: {\"email\": \"name@school.example\", \"urgentEmails\": true, \"deputyCover\": \"WhenDslUnavailable\", \"awayUntil\": null, \"dailyDigest\": false, \"digestTime\": \"07:30\"}."];
            return problems;
        }
        var email = change.Email?.Trim();
        if (!string.IsNullOrEmpty(email))
        {
            if (email.Length > MaxEmailLength)
                problems["email"] = [$"email must be at most {MaxEmailLength} characters."];
            else if (!IsPlainAddress(email))
                problems["email"] = ["email must be one plain address such as name@school.example (no display name, no list)."];
        }
        else if (change.UrgentEmails is null or true)
        {
            problems["email"] = ["email is required to receive urgent emails: give an address, or set urgentEmails to false."];
        }
        else if (change.DailyDigest == true)
        {
            problems["email"] = ["email is required to receive the daily digest: give an address, or set dailyDigest to false."];
        }
        if (change.DigestTime is not null && Digest.DailyDigest.ParseTime(change.DigestTime) is null)
            problems["digestTime"] = ["digestTime must be a time of day as HH:mm in school time (Europe/London), e.g. 07:30."];
        if (change.AwayUntil is { } away && away <= now)
            problems["awayUntil"] = ["awayUntil must be in the future (when you are back), or null when you are not away."];
        return problems;
    }

    private static bool IsPlainAddress(string email) =>
        MimeKit.MailboxAddress.TryParse(email, out var mailbox) && string.IsNullOrEmpty(mailbox.Name) && mailbox.Address == email
        && email.IndexOf('@') is > 0 and var at && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);

    private static PreferencesView View(StaffPreferences p, DateTimeOffset now) =>
        new(p.Id, p.Name, p.Roles, p.Email, p.UrgentEmails, p.DeputyCover, p.AwayUntil, p.Reachable(now), p.DailyDigest,
        p.DigestAt.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
}
