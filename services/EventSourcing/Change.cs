using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.EventSourcing;

/// <summary>An accepted change: the stream's state before it, its new version (also the ETag) and the decision.</summary>
public sealed record Applied<TState>(TState? Before, long Version, Decision Decision);

/// <summary>A state the caller read with the version of its stream (0: the stream does not exist yet).</summary>
public sealed record Versioned<TState>(TState? State, long Version) where TState : class;

/// <summary>What differs between streams on the one change path.</summary>
public sealed record ChangeRules<TState> where TState : class
{
    /// <summary>The answer when the stream does not exist; null: a missing stream is a new one (state null, version 0).</summary>
    public Func<ProblemHttpResult>? NotFound { get; init; }

    /// <summary>Who may act, checked before the version so a record the caller may not see is never a 412; null lets them.</summary>
    public Func<TState, Actor, ProblemHttpResult?>? Admit { get; init; }

    /// <summary>
    /// Runs once the decision is accepted, before the save: turns decided events into stored ones (e.g. sealing free text) and
    /// may stage documents that commit with them. Null stores the events as decided.
    /// </summary>
    public Func<HttpContext, TState?, IReadOnlyList<object>, Task<IReadOnlyList<object>>>? BeforeSave { get; init; }
}

/// <summary>
/// The one write path: If-Match required (428) → fetch the stream for writing in the caller's school → 404 / who may act →
/// stale version (412 with the current one) → pure decide(state, actor, now) → rejection as problem details, or append
/// (with any stream-addressed events of the decision) in one transaction → ETag → typed result.
/// </summary>
public static class Change
{
    /// <summary>A change to a stream keyed by a Guid.</summary>
    public static Task<Results<Ok<TBody>, ValidationProblem, ProblemHttpResult>> Apply<TState, TBody>(
        HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock, Guid id,
        Func<TState, Actor, DateTimeOffset, Decision> decide, Func<Applied<TState>, TBody> respond, ChangeRules<TState> rules)
        where TState : class =>
        Run(http, session, user, clock, ct => session.Events.FetchForWriting<TState>(id, ct), Nullable(decide, rules),
            accepted => Task.FromResult(respond(accepted)), rules);

    /// <summary>A change to a stream keyed by a Guid, answered from what the save left (e.g. the snapshot reloaded).</summary>
    public static Task<Results<Ok<TBody>, ValidationProblem, ProblemHttpResult>> Apply<TState, TBody>(
        HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock, Guid id,
        Func<TState, Actor, DateTimeOffset, Decision> decide, Func<Applied<TState>, Task<TBody>> respond, ChangeRules<TState> rules)
        where TState : class =>
        Run(http, session, user, clock, ct => session.Events.FetchForWriting<TState>(id, ct), Nullable(decide, rules), respond, rules);

    /// <summary>A change to a stream that may not exist yet: the decider gets null and version 0 (If-Match: "0") for a new one.</summary>
    public static Task<Results<Ok<TBody>, ValidationProblem, ProblemHttpResult>> ApplyOrStart<TState, TBody>(
        HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock, Guid id,
        Func<TState?, Actor, DateTimeOffset, Decision> decide, Func<Applied<TState>, Task<TBody>> respond, ChangeRules<TState>? rules = null)
        where TState : class =>
        Run(http, session, user, clock, ct => session.Events.FetchForWriting<TState>(id, ct), decide, respond,
            rules is { NotFound: not null } ? throw new ArgumentException("A new stream is not a 404.", nameof(rules)) : rules ?? new());

    /// <summary>
    /// A bulk write to several streams of one kind without a version each (a training session's attendees): fetch every named
    /// stream for writing (state null when it does not exist yet) → pure decide(states by id, actor, now) → rejection as problem
    /// details, or append every stream-addressed event of the decision (<see cref="Decision.AlsoOn"/>, and the streams it
    /// starts, <see cref="Decision.Starting{TAggregate}"/>) in one transaction → <paramref name="respond"/>'s typed result.
    /// Each fetched stream is appended at the version read, so a write to any of them in between fails the whole save (412);
    /// nothing is saved when nothing is decided.
    /// </summary>
    public static async Task<Results<TResult, ValidationProblem, ProblemHttpResult>> Record<TState, TResult>(
        IDocumentSession session, CurrentUser user, TimeProvider clock, IEnumerable<Guid> ids,
        Func<IReadOnlyDictionary<Guid, TState?>, Actor, DateTimeOffset, Decision> decide, Func<Decision, Task<TResult>> respond,
        CancellationToken ct, Func<Decision, Task>? beforeSave = null) where TState : class where TResult : IResult
    {
        var streams = new Dictionary<Guid, IEventStream<TState>>();
        foreach (var id in ids)
            if (!streams.ContainsKey(id)) streams[id] = await session.Events.FetchForWriting<TState>(id, ct);
        return await Record(session, user, clock, streams.ToDictionary(s => s.Key, s => s.Value.Aggregate), decide,
            (id, events) =>
            {
                if (streams.TryGetValue(id, out var stream)) stream.AppendMany(events);
                else session.Events.Append(id, events.ToArray());
            },
            respond, beforeSave, ct);
    }

    /// <summary>
    /// The same bulk write for states the caller read in one query (e.g. every pupil on the roster, their inline snapshots
    /// carrying the stream version): each stream is appended at the version given (0: started as a new
    /// <typeparamref name="TState"/> stream), so a write to any of them since the read fails the whole save (412).
    /// </summary>
    public static Task<Results<TResult, ValidationProblem, ProblemHttpResult>> Record<TState, TResult>(
        IDocumentSession session, CurrentUser user, TimeProvider clock, IReadOnlyDictionary<Guid, Versioned<TState>> read,
        Func<IReadOnlyDictionary<Guid, TState?>, Actor, DateTimeOffset, Decision> decide, Func<Decision, Task<TResult>> respond,
        CancellationToken ct, Func<Decision, Task>? beforeSave = null) where TState : class where TResult : IResult =>
        Record(session, user, clock, read.ToDictionary(r => r.Key, r => r.Value.State), decide,
            (id, events) =>
            {
                if (!read.TryGetValue(id, out var at)) session.Events.Append(id, events.ToArray());
                else if (at.Version == 0) session.Events.StartStream<TState>(id, events.ToArray());
                else session.Events.Append(id, at.Version + events.Count, events.ToArray());
            },
            respond, beforeSave, ct);

    /// <summary>
    /// A write that reads no stream first: records that start new streams (a file of new devices) or append to a log that has
    /// no state to decide on (the school's data-protection log): pure decide(actor, now) → rejection, or the decision's new
    /// streams and addressed events in one transaction. A log is appended without a version, so two entries at once both land.
    /// </summary>
    public static Task<Results<TResult, ValidationProblem, ProblemHttpResult>> Record<TResult>(
        IDocumentSession session, CurrentUser user, TimeProvider clock, Func<Actor, DateTimeOffset, Decision> decide,
        Func<Decision, Task<TResult>> respond, CancellationToken ct, Func<Decision, Task>? beforeSave = null) where TResult : IResult =>
        Record(session, user, clock, new Dictionary<Guid, object?>(), (_, actor, now) => decide(actor, now),
            (id, events) => session.Events.Append(id, events.ToArray()), respond, beforeSave, ct);

    private static async Task<Results<TResult, ValidationProblem, ProblemHttpResult>> Record<TState, TResult>(
        IDocumentSession session, CurrentUser user, TimeProvider clock, IReadOnlyDictionary<Guid, TState?> states,
        Func<IReadOnlyDictionary<Guid, TState?>, Actor, DateTimeOffset, Decision> decide, Action<Guid, IReadOnlyList<object>> append,
        Func<Decision, Task<TResult>> respond, Func<Decision, Task>? beforeSave, CancellationToken ct)
        where TState : class where TResult : IResult
    {
        var decision = decide(states, Actor.From(user), clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return rejection.As<TResult>();
        if (decision.Events.Count > 0)
            throw new InvalidOperationException("A decision on several streams addresses every event to its stream (Decision.AlsoOn).");

        if (decision.Records)
        {
            foreach (var stream in decision.Elsewhere.GroupBy(e => e.StreamId))
                append(stream.Key, stream.Select(e => e.Event).ToList());
            Start(session, decision);
            if (beforeSave is not null) await beforeSave(decision);
            await session.SaveChangesAsync(ct);
        }
        return await respond(decision);
    }

    /// <summary>Starts the streams a decision starts (typed by their aggregate, so the store knows what they are).</summary>
    private static void Start(IDocumentSession session, Decision decision)
    {
        foreach (var started in decision.Started)
        {
            if (started.AggregateType is { } type) session.Events.StartStream(type, started.StreamId, started.Events.ToArray());
            else session.Events.StartStream(started.StreamId, started.Events.ToArray());
        }
    }

    private static Func<TState?, Actor, DateTimeOffset, Decision> Nullable<TState>(
        Func<TState, Actor, DateTimeOffset, Decision> decide, ChangeRules<TState> rules) where TState : class =>
        rules.NotFound is null
            ? throw new ArgumentException("Apply needs NotFound: its decider takes an existing stream (ApplyOrStart takes a new one).", nameof(rules))
            : (state, actor, now) => decide(state!, actor, now);

    private static async Task<Results<Ok<TBody>, ValidationProblem, ProblemHttpResult>> Run<TState, TBody>(
        HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock,
        Func<CancellationToken, Task<IEventStream<TState>>> fetch, Func<TState?, Actor, DateTimeOffset, Decision> decide,
        Func<Applied<TState>, Task<TBody>> respond, ChangeRules<TState> rules) where TState : class
    {
        var expected = http.Request.ExpectedVersion();
        if (expected is null) return Versioning.IfMatchRequired();

        var actor = Actor.From(user);
        var stream = await fetch(http.RequestAborted);
        if (stream.Aggregate is null && rules.NotFound is { } notFound) return notFound();
        if (stream.Aggregate is { } existing && rules.Admit?.Invoke(existing, actor) is { } refused) return refused;
        var current = stream.CurrentVersion ?? 0;
        if (current != expected) return Versioning.Stale(current);

        var decision = decide(stream.Aggregate, actor, clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return rejection.As<Ok<TBody>>();

        var events = rules.BeforeSave is { } beforeSave ? await beforeSave(http, stream.Aggregate, decision.Events) : decision.Events;
        foreach (var other in decision.Elsewhere) session.Events.Append(other.StreamId, other.Event);
        Start(session, decision);
        stream.AppendMany(events);
        await session.SaveChangesAsync(http.RequestAborted);
        var version = current + events.Count;
        http.Response.SetETag(version);
        return TypedResults.Ok(await respond(new Applied<TState>(stream.Aggregate, version, decision)));
    }
}
