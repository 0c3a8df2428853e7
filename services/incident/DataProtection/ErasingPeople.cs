namespace TrustSafety.Incident.DataProtection;

/// <summary>A valid erasure request: the person, the request's reason (trimmed) and whether it may wait for retention to end.</summary>
public sealed record ErasureCommand(string PersonId, string Kind, string Reason, bool WhenRetentionEnds)
{
    /// <summary>The person's key subject: what the keyring destroys and what the events name.</summary>
    public string Subject => Kind == "pupil" ? Subjects.Pupil(PersonId) : Subjects.Staff(PersonId);
}

/// <summary>What the decision needs read from the store first: every file that keeps the person now, and whether they hold a data key.</summary>
public sealed record ErasureFacts(IReadOnlyList<ErasureBlocker> Blocks, bool KeyHeld);

/// <summary>
/// A DSL's erasure of a pupil or member of staff, decided purely: refused while a file of theirs must be kept, scheduled for
/// the day the longest retention ends when asked and nothing else keeps them, or erased now. Every event goes to the
/// school's data-protection log (<see cref="DataProtectionStream.Id"/>).
/// </summary>
public static class ErasingPeople
{
    public const string MustBeKept = "These records must be kept: nothing was erased";

    public static Decision Decide(ErasureFacts facts, ErasureCommand command, Actor actor, DateTimeOffset now)
    {
        var blocks = facts.Blocks;
        if (blocks.Count == 0)
            // The key is destroyed in the same transaction (beforeSave); the event says whether there was one to destroy.
            return Decision.Nothing.AlsoOn(DataProtectionStream.Id,
                new PersonErased(command.Subject, command.Kind, actor.Id, actor.Name, now, command.Reason, facts.KeyHeld));

        var kept = blocks.Select(b => b.Text).ToList();
        // A legal hold has no end date, so only retention alone lets the erasure wait for a day.
        var dueOn = blocks.Any(b => b.LegalHold) ? (DateOnly?)null : blocks.Max(b => b.RetainedUntil!.Value);
        if (dueOn is { } due && command.WhenRetentionEnds)
            return Decision.Nothing.AlsoOn(DataProtectionStream.Id, new ErasureScheduled(command.Subject, command.Kind, command.PersonId, due,
                actor.Id, actor.Name, now, command.Reason, kept));

        // keptBy: the words; kept: the same facts structured (incident, hold or record type, date, rule) for clients.
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["keptBy"] = kept,
            ["kept"] = blocks.Select(b => new { incidentId = b.IncidentId, legalHold = b.LegalHold, holdReason = b.HoldReason,
                recordType = b.RecordType, retainedUntil = b.RetainedUntil, rule = b.Rule }).ToList(),
        };
        if (dueOn is not null) extensions["erasureDueOn"] = dueOn;
        return Decision.Conflict(MustBeKept,
            $"The {command.Kind} is on records that retention or a legal hold keeps: {string.Join("; ", kept)}. " +
            "Erase again once the hold is released or the retention date has passed (and the file has been reviewed)" +
            (dueOn is { } d ? $", or send whenRetentionEnds: true to have it carried out on {d:yyyy-MM-dd}." : "."),
            extensions);
    }
}
