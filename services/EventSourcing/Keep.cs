using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.EventSourcing;

/// <summary>
/// What a pure decider returns for a document kept on the change path (reference data a person edits, e.g. an agency's
/// contact): the document to store (its new revision set by the decider), the document to delete, nothing, or why not.
/// A rejection converts from <see cref="Decision"/>, so <c>errors.Reject(title)</c> and <c>Decision.Conflict(…)</c> read the same.
/// </summary>
public sealed record DocumentDecision<TDoc>(TDoc? Stored, TDoc? Deleted, Rejection? Rejection) where TDoc : class
{
    public static DocumentDecision<TDoc> Store(TDoc document) => new(document, null, null);
    public static DocumentDecision<TDoc> Delete(TDoc document) => new(null, document, null);

    /// <summary>Accepted, with nothing to save (e.g. removing an entry that is not there).</summary>
    public static DocumentDecision<TDoc> Nothing { get; } = new(null, null, null);

    public static implicit operator DocumentDecision<TDoc>(Decision rejected) => rejected.Rejection is { } rejection
        ? new(null, null, rejection)
        : throw new InvalidOperationException("Only a rejection converts to a document decision; store or delete the document instead.");
}

/// <summary>
/// The change path for a document rather than a stream: If-Match required (428) → the request parsed (400) → a transaction-scoped advisory lock on
/// the document in the session's tenant (so two writers, in any replica, never both pass the revision check) → load →
/// stale revision (412 with the current one) → pure decide(current, actor, now) → rejection as problem details, or store /
/// delete in that transaction → ETag = the revision saved (0 once deleted) → typed result.
/// </summary>
public static class Keep
{
    /// <param name="name">What the lock is taken on, unique among documents of this type in the tenant (its id, or the set's name).</param>
    /// <param name="load">The current document in <paramref name="session"/>, null when there is none (revision 0).</param>
    /// <param name="revisionOf">The document's revision, which is its ETag.</param>
    /// <param name="respond">The answer from what was saved: the document (null once deleted) and its revision.</param>
    /// <param name="parse">
    /// The request's bad fields (400), asked after If-Match and before the document is read, so a malformed request is a 400
    /// whatever revision it names. A change with nothing to parse (a removal, a state change) takes the overload without it.
    /// </param>
    /// <param name="missing">
    /// For a document that must exist (one a person changes rather than adds): its 404 when <paramref name="load"/> finds
    /// none, before the revision is compared; without it a missing document is revision 0 ("add or update").
    /// </param>
    public static async Task<Results<TResult, ValidationProblem, ProblemHttpResult>> Document<TDoc, TResult>(
        HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock, string name,
        Func<CancellationToken, Task<TDoc?>> load, Func<TDoc, long> revisionOf,
        Func<TDoc?, Actor, DateTimeOffset, DocumentDecision<TDoc>> decide, Func<TDoc?, long, Task<TResult>> respond,
        Func<ValidationProblem?> parse, Func<ProblemHttpResult>? missing = null)
        where TDoc : class where TResult : IResult
    {
        var expected = http.Request.ExpectedVersion();
        if (expected is null) return Versioning.IfMatchRequired();
        if (parse() is { } invalid) return invalid;

        var ct = http.RequestAborted;
        await session.LockForTransactionAsync($"keep/{typeof(TDoc).FullName}/{session.TenantId}/{name}", ct);
        var current = await load(ct);
        if (current is null && missing is not null) return missing();
        var revision = current is null ? 0 : revisionOf(current);
        if (revision != expected) return Versioning.Stale(revision);

        var decision = decide(current, Actor.From(user), clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return rejection.As<TResult>();

        var kept = current;
        if (decision.Stored is { } stored)
        {
            session.Store(stored);
            kept = stored;
        }
        else if (decision.Deleted is { } deleted)
        {
            session.Delete(deleted);
            kept = null;
        }
        await session.SaveChangesAsync(ct);
        var saved = kept is null ? 0 : revisionOf(kept);
        http.Response.SetETag(saved);
        return await respond(kept, saved);
    }

    /// <summary>
    /// The same path for a change with no request to parse (a removal, a state change): answered without a 400 it could
    /// never give, so its OpenAPI document does not list one.
    /// </summary>
    public static async Task<Results<TResult, ProblemHttpResult>> Document<TDoc, TResult>(
        HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock, string name,
        Func<CancellationToken, Task<TDoc?>> load, Func<TDoc, long> revisionOf,
        Func<TDoc?, Actor, DateTimeOffset, DocumentDecision<TDoc>> decide, Func<TDoc?, long, Task<TResult>> respond,
        Func<ProblemHttpResult>? missing = null)
        where TDoc : class where TResult : IResult =>
        (await Document(http, session, user, clock, name, load, revisionOf, decide, respond, parse: () => null, missing)).Result switch
        {
            TResult done => done,
            ProblemHttpResult problem => problem,
            var other => throw new System.Diagnostics.UnreachableException($"A change with nothing to parse answered {other.GetType().Name}."),
        };
}
