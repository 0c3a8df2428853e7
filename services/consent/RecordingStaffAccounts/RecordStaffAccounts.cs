using System.Text;
using CsvHelper;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.ImportingRoster;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Consent.RecordingStaffAccounts;

public sealed record StaffAccountsResult(bool DryRun, int Staff, int Changed, int Unchanged);

/// <summary>
/// Staff sign-in accounts (a CSV of "Staff ID,Account": identity's subject id and one account a row), so a filter alert on a
/// staff account is recognised as one (a possible allegation, for the DSL and headteacher). Names come from identity.
/// </summary>
public static class RecordStaffAccounts
{
    public const int MaxRows = 5000;

    public static IReadOnlyList<object> Decide(StaffAccounts? current, string staffId, IReadOnlyList<string> accounts, DateTimeOffset now) =>
        current is not null && current.Accounts.Order(StringComparer.Ordinal).SequenceEqual(accounts.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            ? [] : [new StaffSignInAccountsSet(staffId, accounts, now)];

    /// <summary>
    /// Pure: each member of staff listed gets exactly the accounts listed, on their own stream (started for one not seen before);
    /// one who already has exactly those accounts records nothing.
    /// </summary>
    public static Decision Decide(IReadOnlyDictionary<Guid, StaffAccounts?> current, IReadOnlyDictionary<string, List<string>> wanted,
        DateTimeOffset now)
    {
        // Collected, then added at once: a roster of thousands would otherwise copy the lists once per pupil.
        List<NewStream> started = [];
        List<StreamEvent> addressed = [];
        foreach (var (staffId, accounts) in wanted)
        {
            var id = StreamIds.StaffAccounts(staffId);
            var staff = current.GetValueOrDefault(id);
            var events = Decide(staff, staffId, accounts, now);
            if (events.Count == 0) continue;
            if (staff is null) started.Add(new NewStream(id, typeof(StaffAccounts), events));
            else addressed.AddRange(events.Select(e => new StreamEvent(id, e)));
        }
        return Decision.Nothing.Starting(started).AlsoOn(addressed);
    }

    /// <summary>How many members of staff the decision changed (new or different accounts); the rest were unchanged.</summary>
    public static StaffAccountsResult Answer(bool dryRun, int staff, Decision decision)
    {
        var changed = decision.Started.Count + decision.Elsewhere.Select(e => e.StreamId).Distinct().Count();
        return new StaffAccountsResult(dryRun, staff, changed, staff - changed);
    }

    public static void MapStaffAccounts(this RouteGroupBuilder api) => api.MapPost("/roster/staff-accounts", Handle)
        .RequireAuthorization(ConsentPolicies.Manage).Accepts<string>("text/csv").WithName("RecordStaffAccounts")
        .WithSummary("Record staff sign-in accounts from a CSV with the columns 'Staff ID' (the identity subject id) and 'Account' "
            + "(one account a row; a member of staff listed has exactly the accounts listed). ?dryRun=true changes nothing.")
        .ProducesRecordProblems();

    private static async Task<Results<Ok<StaffAccountsResult>, ValidationProblem, ProblemHttpResult>> Handle(HttpRequest request, IDocumentSession session, CurrentUser user, TimeProvider clock,
        bool? dryRun, CancellationToken ct)
    {
        var v = new FieldErrors();
        if (request.ContentLength > ImportRoster.MaxBytes)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: $"Send at most {ImportRoster.MaxBytes / 1024} KB at a time.");
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text)) return v.Add("file", "Send the CSV as the body (Content-Type: text/csv), header 'Staff ID,Account'.").Problem();

        await using var csv = CsvReader.FromText(text.TrimStart('\uFEFF'), new CsvReaderOptions { TrackLineNumbers = true, TrimWhitespace = true });
        await csv.ReadHeaderAsync(ct);
        var headers = csv.Headers.Select(h => new string(h.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray())).ToList();
        var staffColumn = headers.FindIndex(h => h is "staffid" or "subject" or "subjectid" or "userid");
        var accountColumn = headers.FindIndex(h => h is "account" or "username" or "email" or "emailaddress" or "login" or "signinaccount");
        if (staffColumn < 0 || accountColumn < 0) return v.Add("file", "The first row must be 'Staff ID,Account'.").Problem();
        var wanted = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var rows = 0;
        while (await csv.ReadAsync(ct))
        {
            if (++rows > MaxRows) return v.Add("file", $"Send at most {MaxRows} rows.").Problem();
            var line = (int)csv.LineNumber;
            var staffId = csv.FieldCount > staffColumn ? csv.GetString(staffColumn)?.Trim() : null;
            var account = csv.FieldCount > accountColumn ? csv.GetString(accountColumn)?.Trim().ToLowerInvariant() : null;
            v.Id(staffId, $"line {line}: Staff ID");
            v.Require(!string.IsNullOrEmpty(account) && account.Length <= 254 && !account.Contains(' '), $"line {line}: Account",
                "Give the sign-in account (a user name or e-mail address without spaces).");
            if (staffId is null || string.IsNullOrEmpty(account)) continue;
            if (!wanted.TryGetValue(staffId, out var list)) wanted[staffId] = list = [];
            if (!list.Contains(account)) list.Add(account);
        }
        if (!v.IsValid) return v.Problem();

        // Every member of staff listed in one query, each appended at the version read: a change in between fails the whole file (412).
        var ids = wanted.Keys.Select(StreamIds.StaffAccounts).ToList();
        var found = (await session.LoadManyAsync<StaffAccounts>(ct, ids)).ToDictionary(s => s.Id);
        var read = ids.ToDictionary(id => id, id => found.TryGetValue(id, out var staff)
            ? new Versioned<StaffAccounts>(staff, staff.Version) : new Versioned<StaffAccounts>(null, 0));
        if (dryRun == true)
            return TypedResults.Ok(Answer(true, wanted.Count, Decide(read.ToDictionary(r => r.Key, r => r.Value.State), wanted, clock.GetUtcNow())));
        return await Change.Record<StaffAccounts, Ok<StaffAccountsResult>>(session, user, clock, read,
            (staff, _, now) => Decide(staff, wanted, now),
            decision => Task.FromResult(TypedResults.Ok(Answer(false, wanted.Count, decision))), ct);
    }
}
