using Microsoft.AspNetCore.Http;

namespace TrustSafety.EventSourcing;

/// <summary>
/// What a pure decider returns: the events to append to the stream it was given, or why nothing changes. A decision
/// that also ends or changes other streams says so with <see cref="AlsoOn"/> (stream-addressed events); the change path
/// appends them in the same transaction, so a decider never touches a session.
/// </summary>
public sealed record Decision(IReadOnlyList<object> Events, Rejection? Rejection)
{
    public bool Accepted => Rejection is null;

    /// <summary>Events for other streams of the same store, appended with <see cref="Events"/> or not at all.</summary>
    public IReadOnlyList<StreamEvent> Elsewhere { get; init; } = [];

    public static Decision Accept(params object[] events) => new(events, null);

    /// <summary>Accepted, with nothing to record (the same answer again).</summary>
    public static Decision Nothing { get; } = new([], null);

    public Decision AlsoOn(Guid streamId, object @event) => this with { Elsewhere = [.. Elsewhere, new StreamEvent(streamId, @event)] };

    /// <summary>Many stream-addressed events at once (a campaign over thousands of pupils: one copy of the list, not one per event).</summary>
    public Decision AlsoOn(IEnumerable<StreamEvent> events) => this with { Elsewhere = [.. Elsewhere, .. events] };

    /// <summary>New streams the decision starts (a record made beside the one changed), appended with the rest or not at all.</summary>
    public IReadOnlyList<NewStream> Started { get; init; } = [];

    /// <summary>Starts a new <typeparamref name="TAggregate"/> stream with these events (its id must not be in use: else 412).</summary>
    public Decision Starting<TAggregate>(Guid streamId, params object[] events) where TAggregate : class =>
        this with { Started = [.. Started, new NewStream(streamId, typeof(TAggregate), events)] };

    /// <summary>Starts a new stream that no aggregate is built from (a record of what was done, e.g. an import).</summary>
    public Decision Starting(Guid streamId, params object[] events) =>
        this with { Started = [.. Started, new NewStream(streamId, null, events)] };

    /// <summary>Many new streams at once (a first roster import: one copy of the list, not one per pupil).</summary>
    public Decision Starting(IEnumerable<NewStream> streams) => this with { Started = [.. Started, .. streams] };

    /// <summary>Whether the decision records anything on any stream.</summary>
    public bool Records => Events.Count > 0 || Elsewhere.Count > 0 || Started.Count > 0;

    public static Decision Invalid(string title, IReadOnlyDictionary<string, string[]> errors) => new([], new InvalidInput(title, errors));
    public static Decision Conflict(string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new([], new NotAllowedNow(title, detail) { Extensions = extensions });
    public static Decision Forbidden(string title, string detail) => new([], new NotPermitted(title, detail));
    public static Decision NotFound(string title, string detail) => new([], new Missing(title, detail));
    public static Decision Unprocessable(string title, string detail) => new([], new Unprocessable(title, detail));
}

/// <summary>An event for a stream other than the one being changed.</summary>
public sealed record StreamEvent(Guid StreamId, object Event);

/// <summary>A stream a decision starts: its id, the aggregate built from it (null: none) and its first events.</summary>
public sealed record NewStream(Guid StreamId, Type? AggregateType, IReadOnlyList<object> Events);

/// <summary>Why nothing changes; <see cref="ChangeProblems.From"/> turns each kind into its problem details.</summary>
public abstract record Rejection(string Title, string Detail)
{
    /// <summary>The HTTP status this kind of rejection answers with.</summary>
    public abstract int Status { get; }
}

/// <summary>400: the request itself is wrong; every bad field is named with the fix.</summary>
public sealed record InvalidInput(string Title, IReadOnlyDictionary<string, string[]> Errors)
    : Rejection(Title, FieldErrors.NothingChanged)
{
    public override int Status => StatusCodes.Status400BadRequest;
}

/// <summary>409: the request is well-formed but the record's state does not allow it.</summary>
public sealed record NotAllowedNow(string Title, string Detail) : Rejection(Title, Detail)
{
    public override int Status => StatusCodes.Status409Conflict;

    /// <summary>Problem-details members beside title and detail (e.g. the open route steps), for clients to act on.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }
}

/// <summary>403: this person may not make this change to this record.</summary>
public sealed record NotPermitted(string Title, string Detail) : Rejection(Title, Detail)
{
    public override int Status => StatusCodes.Status403Forbidden;
}

/// <summary>404: something the command names does not exist in the caller's school.</summary>
public sealed record Missing(string Title, string Detail) : Rejection(Title, Detail)
{
    public override int Status => StatusCodes.Status404NotFound;
}

/// <summary>422: every field is well-formed but together they cannot be recorded (e.g. a date in the future).</summary>
public sealed record Unprocessable(string Title, string Detail) : Rejection(Title, Detail)
{
    public override int Status => StatusCodes.Status422UnprocessableEntity;
}
