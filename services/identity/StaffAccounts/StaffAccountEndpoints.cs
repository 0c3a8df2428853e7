using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using OpenIddict.Abstractions;
using TrustSafety.Identity.Staff;
using TrustSafety.Platform;

namespace TrustSafety.Identity.StaffAccounts;

/// <summary>
/// <c>/staff-accounts</c> (through the gateway <c>/api/identity/staff-accounts</c>): the trust administrator — the
/// trust-wide IT admin (<c>role=it-admin</c>, no school) — invites staff by e-mail, sets their school and roles,
/// removes access when someone leaves, imports a CSV. Every change and every refused external sign-in is audited.
/// </summary>
internal static class StaffAccountEndpoints
{
    public sealed record Invitation(string? Email, string? Name, string? School, string[]? Roles);

    public sealed record Change(string? Name, string? School, string[]? Roles);

    public sealed record Removal(string? Reason);

    public sealed record StaffAccountView(Guid Id, string Email, string Name, string? School, IReadOnlyList<string> Roles,
        string? LinkedProvider, DateTimeOffset InvitedAt, string InvitedBy, DateTimeOffset? RemovedAt, string? RemovedBy, int Version)
    {
        public static StaffAccountView Of(StaffAccount a) =>
            new(a.Id, a.Email, a.Name, a.SchoolUrn, a.Roles, a.Provider, a.InvitedAt, a.InvitedBy, a.RemovedAt, a.RemovedBy, a.Version);
    }

    public sealed record ImportResult(int Invited, int Changed, int Unchanged);

    public sealed record AuditView(DateTimeOffset At, string Action, Guid? AccountId, string Email, string ActorId, string ActorName, string Detail);

    public static IEndpointRouteBuilder MapStaffAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/staff-accounts").RequireAuthorization(StaffApiAuthentication.StaffAdministrationPolicy);
        group.MapGet("/", List).WithName("ListStaffAccounts")
            .WithSummary("Every staff account of the trust (optionally one school's), removed ones only when asked.");
        group.MapPost("/", Invite).WithName("InviteStaffMember")
            .WithSummary("Invites a member of staff by the e-mail address they sign in with at the trust's Microsoft or Google account.");
        group.MapPut("/{id:guid}", ChangeAccount).WithName("ChangeStaffAccount")
            .WithSummary("Sets a staff account's name, school and roles (If-Match with the account's ETag).");
        group.MapPost("/{id:guid}/removal", Remove).WithName("RemoveStaffAccess")
            .WithSummary("Removes a person's access (If-Match): no more sign-ins, refresh tokens revoked.");
        group.MapPost("/import", Import).Accepts<string>("text/csv").WithName("ImportStaffAccounts")
            .WithSummary("Invites or updates staff from a CSV file (email,name,school,roles); nothing is stored unless every row is valid.");
        group.MapGet("/audit", Audit).WithName("ListStaffAccessAudit")
            .WithSummary("Who invited, changed or removed whom, and refused sign-ins, newest first.");
        return app;
    }

    private static async Task<Ok<List<StaffAccountView>>> List(StaffAccountsDbContext db, [FromQuery] string? school,
        [FromQuery] bool? includeRemoved, CancellationToken cancellationToken)
    {
        var query = db.Accounts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(school)) query = query.Where(a => a.SchoolUrn == school.Trim());
        if (includeRemoved != true) query = query.Where(a => a.RemovedAt == null);
        var accounts = await query.OrderBy(a => a.SchoolUrn).ThenBy(a => a.Name).Take(10_000).ToListAsync(cancellationToken);
        return TypedResults.Ok(accounts.Select(StaffAccountView.Of).ToList());
    }

    private static async Task<Results<Created<StaffAccountView>, ValidationProblem, Conflict<ProblemDetails>>> Invite(
        Invitation? body, StaffAccountsDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock, TrustSchools trust,
        CancellationToken cancellationToken)
    {
        var (values, errors) = StaffAccountRules.Check(body?.Email, body?.Name, body?.School, body?.Roles, emailRequired: true, trust);
        if (values is null) return TypedResults.ValidationProblem(errors, title: "The invitation is not valid");
        if (await db.Accounts.AnyAsync(a => a.Email == values.Email && a.RemovedAt == null, cancellationToken))
            return TypedResults.Conflict(Problem(StatusCodes.Status409Conflict, "This person already has an account",
                $"{values.Email} already has access: change that account's school or roles instead of inviting again."));

        var account = NewAccount(values, Actor(user), clock.GetUtcNow());
        db.Accounts.Add(account);
        db.Audit.Add(Entry("invited", account, user, clock, Describe(values)));
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETag(account);
        return TypedResults.Created($"/staff-accounts/{account.Id}", StaffAccountView.Of(account));
    }

    private static async Task<Results<Ok<StaffAccountView>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> ChangeAccount(
        Guid id, Change? body, StaffAccountsDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock, TrustSchools trust,
        CancellationToken cancellationToken)
    {
        var (values, errors) = StaffAccountRules.Check(null, body?.Name, body?.School, body?.Roles, emailRequired: false, trust);
        if (values is null) return TypedResults.ValidationProblem(errors, title: "The change is not valid");
        var (account, refusal) = await LoadForWriting(db, id, http, cancellationToken);
        if (account is null) return refusal!;

        var before = Describe(new StaffAccountValues(account.Email, account.Name, account.SchoolUrn, account.Roles));
        account.Name = values.Name;
        account.SchoolUrn = values.SchoolUrn;
        account.Roles = [.. values.Roles];
        account.Version++;
        db.Audit.Add(Entry("changed", account, user, clock, $"{before} → {Describe(values with { Email = account.Email })}"));
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETag(account);
        return TypedResults.Ok(StaffAccountView.Of(account));
    }

    private static async Task<Results<Ok<StaffAccountView>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> Remove(
        Guid id, Removal? body, StaffAccountsDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, CancellationToken cancellationToken)
    {
        var (account, refusal) = await LoadForWriting(db, id, http, cancellationToken);
        if (account is null) return refusal!;
        if (account.Id.ToString() == user.FindFirstValue("sub"))
            return TypedResults.Conflict(Problem(StatusCodes.Status409Conflict, "You cannot remove your own access",
                "Ask another trust administrator to remove it, so the trust always keeps one."));

        account.RemovedAt = clock.GetUtcNow();
        account.RemovedBy = Actor(user);
        account.Version++;
        db.Audit.Add(Entry("removed", account, user, clock, string.IsNullOrWhiteSpace(body?.Reason) ? "no reason given" : body.Reason.Trim()));
        await db.SaveChangesAsync(cancellationToken);

        // Refresh tokens and codes stop at once; an access token already issued lives out its short lifetime.
        var subject = account.Id.ToString();
        await foreach (var token in tokens.FindBySubjectAsync(subject, cancellationToken)) await tokens.TryRevokeAsync(token, cancellationToken);
        await foreach (var grant in authorizations.FindBySubjectAsync(subject, cancellationToken)) await authorizations.TryRevokeAsync(grant, cancellationToken);
        http.Response.Headers.ETag = ETag(account);
        return TypedResults.Ok(StaffAccountView.Of(account));
    }

    private static async Task<Results<Ok<ImportResult>, ValidationProblem>> Import(
        HttpRequest request, StaffAccountsDbContext db, ClaimsPrincipal user, TimeProvider clock, TrustSchools trust,
        CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var (rows, errors) = StaffAccountsCsv.Parse(text, trust);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The staff file was not imported: nothing was changed");

        var emails = rows.Select(r => r.Email).ToList();
        var existing = await db.Accounts.Where(a => emails.Contains(a.Email) && a.RemovedAt == null).ToDictionaryAsync(a => a.Email, StringComparer.Ordinal, cancellationToken);
        int invited = 0, changed = 0, unchanged = 0;
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Email, out var account))
            {
                account = NewAccount(row, Actor(user), clock.GetUtcNow());
                db.Accounts.Add(account);
                db.Audit.Add(Entry("invited", account, user, clock, "CSV import: " + Describe(row)));
                invited++;
            }
            else if (account.Name != row.Name || account.SchoolUrn != row.SchoolUrn || !account.Roles.Order(StringComparer.Ordinal).SequenceEqual(row.Roles.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                var before = Describe(new StaffAccountValues(account.Email, account.Name, account.SchoolUrn, account.Roles));
                account.Name = row.Name;
                account.SchoolUrn = row.SchoolUrn;
                account.Roles = [.. row.Roles];
                account.Version++;
                db.Audit.Add(Entry("changed", account, user, clock, $"CSV import: {before} → {Describe(row)}"));
                changed++;
            }
            else unchanged++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ImportResult(invited, changed, unchanged));
    }

    private static async Task<Ok<List<AuditView>>> Audit(StaffAccountsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Take(500)
            .Select(a => new AuditView(a.At, a.Action, a.AccountId, a.Email, a.ActorId, a.ActorName, a.Detail))
            .ToListAsync(cancellationToken));

    private static async Task<(StaffAccount? Account, ProblemHttpResult? Refusal)> LoadForWriting(
        StaffAccountsDbContext db, Guid id, HttpContext http, CancellationToken cancellationToken)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required",
                detail: "Send If-Match with the account's ETag (from GET /staff-accounts or the last change), so a change never overwrites another unseen."));
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id && a.RemovedAt == null, cancellationToken);
        if (account is null)
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such staff account",
                detail: "There is no current staff account with this id (it may have been removed)."));
        if (!EntityTagHeaderValue.TryParse(ifMatch, out var tag) || tag.Tag != ETag(account))
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The account has changed",
                detail: $"Its current ETag is {ETag(account)}: reload it, check the change still makes sense, and send that ETag."));
        return (account, null);
    }

    public static StaffAccount NewAccount(StaffAccountValues values, string invitedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Email = values.Email,
        Name = values.Name,
        SchoolUrn = values.SchoolUrn,
        Roles = [.. values.Roles],
        InvitedAt = now,
        InvitedBy = invitedBy,
        Version = 1,
    };

    private static StaffAccessAuditEntry Entry(string action, StaffAccount account, ClaimsPrincipal user, TimeProvider clock, string detail) => new()
    {
        At = clock.GetUtcNow(),
        Action = action,
        AccountId = account.Id,
        Email = account.Email,
        ActorId = user.FindFirstValue("sub") ?? "",
        ActorName = user.FindFirstValue("name") ?? "",
        Detail = detail,
    };

    private static string Actor(ClaimsPrincipal user) => $"{user.FindFirstValue("name")} ({user.FindFirstValue("sub")})";

    private static string Describe(StaffAccountValues v) => $"{v.Name}, {(v.SchoolUrn ?? "trust-wide")}, {string.Join(";", v.Roles)}";

    private static string ETag(StaffAccount account) => $"\"{account.Version}\"";

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
