using Marten;
using MassTransit;
using TrustSafety.Contracts.Consent;
using TrustSafety.Contracts.DeviceRegister;
using TrustSafety.EventSourcing.Messaging;

namespace TrustSafety.Incident.KnowingTheRoster;

public static class PersonKinds
{
    public const string Pupil = "pupil";
    public const string Staff = "staff";
}

/// <summary>Whose sign-in account a reference (filter alerts' UserRef) is, as consent's roster says. Id = the reference.</summary>
public sealed class AccountOwner
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public string PersonId { get; set; } = "";
}

/// <summary>A person's current account references (so a changed list removes the old owners).</summary>
public sealed class RosterPerson
{
    /// <summary>"pupil:&lt;id&gt;" or "staff:&lt;id&gt;".</summary>
    public string Id { get; set; } = "";
    public List<string> AccountRefs { get; set; } = [];

    public static string Key(string kind, string personId) => $"{kind}:{personId}";
}

/// <summary>A pupil's date of birth from the roster (its own document: the accounts message may be consumed at the same time).</summary>
public sealed class PupilBirthDate
{
    /// <summary>The internal pupil id.</summary>
    public string Id { get; set; } = "";
    public DateOnly DateOfBirth { get; set; }
}

/// <summary>Who a school device is assigned to now (device-register's DeviceAssigned / DeviceReturned). Id = device id.</summary>
public sealed class DeviceAssignee
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public string PersonId { get; set; } = "";
}

/// <summary>The person a filter alert was about: from the signed-in account first, else the device's assignee.</summary>
public sealed record AlertSubject(string Kind, string PersonId, DateOnly? DateOfBirth, string Via);

public static class AlertSubjects
{
    public static async Task<AlertSubject?> ResolveAsync(IQuerySession session, string? userRef, Guid? deviceId, CancellationToken ct)
    {
        if (userRef is not null && await session.LoadAsync<AccountOwner>(userRef, ct) is { } owner)
            return await With(session, owner.Kind, owner.PersonId, "sign-in account", ct);
        if (deviceId is { } device && await session.LoadAsync<DeviceAssignee>(device, ct) is { Kind: PersonKinds.Pupil or PersonKinds.Staff } assignee)
            return await With(session, assignee.Kind, assignee.PersonId, "device assigned to", ct);
        return null;
    }

    private static async Task<AlertSubject> With(IQuerySession session, string kind, string personId, string via, CancellationToken ct) =>
        new(kind, personId, kind == PersonKinds.Pupil ? (await session.LoadAsync<PupilBirthDate>(personId, ct))?.DateOfBirth : null, via);

    public static async Task SetAccountsAsync(IDocumentSession session, string kind, string personId, IReadOnlyList<string> refs,
        CancellationToken ct)
    {
        var person = await session.LoadAsync<RosterPerson>(RosterPerson.Key(kind, personId), ct) ?? new RosterPerson { Id = RosterPerson.Key(kind, personId) };
        foreach (var gone in person.AccountRefs.Except(refs, StringComparer.Ordinal))
            if (await session.LoadAsync<AccountOwner>(gone, ct) is { } old && old.Kind == kind && old.PersonId == personId)
                session.Delete(old);
        foreach (var r in refs) session.Store(new AccountOwner { Id = r, Kind = kind, PersonId = personId });
        person.AccountRefs = [.. refs];
        session.Store(person);
    }
}

public sealed class KeepPupilAccounts(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<PupilSignInAccountsChanged>(store, clock)
{
    protected override Task Handle(PupilSignInAccountsChanged message, IDocumentSession session, ConsumeContext<PupilSignInAccountsChanged> context) =>
        AlertSubjects.SetAccountsAsync(session, PersonKinds.Pupil, message.PupilId, message.AccountRefs, context.CancellationToken);
}

public sealed class KeepStaffAccounts(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<StaffSignInAccountsChanged>(store, clock)
{
    protected override Task Handle(StaffSignInAccountsChanged message, IDocumentSession session, ConsumeContext<StaffSignInAccountsChanged> context) =>
        AlertSubjects.SetAccountsAsync(session, PersonKinds.Staff, message.StaffId, message.AccountRefs, context.CancellationToken);
}

public sealed class KeepPupilDateOfBirth(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<PupilDateOfBirthRecorded>(store, clock)
{
    protected override Task Handle(PupilDateOfBirthRecorded message, IDocumentSession session, ConsumeContext<PupilDateOfBirthRecorded> context)
    {
        session.Store(new PupilBirthDate { Id = message.PupilId, DateOfBirth = message.DateOfBirth });
        return Task.CompletedTask;
    }
}

public sealed class KeepDeviceAssignee(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<DeviceAssigned>(store, clock)
{
    protected override Task Handle(DeviceAssigned message, IDocumentSession session, ConsumeContext<DeviceAssigned> context)
    {
        session.Store(new DeviceAssignee { Id = message.DeviceId, Kind = message.AssigneeKind, PersonId = message.AssigneeId });
        return Task.CompletedTask;
    }
}

public sealed class ForgetDeviceAssignee(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<DeviceReturned>(store, clock)
{
    protected override Task Handle(DeviceReturned message, IDocumentSession session, ConsumeContext<DeviceReturned> context)
    {
        session.Delete<DeviceAssignee>(message.DeviceId);
        return Task.CompletedTask;
    }
}
