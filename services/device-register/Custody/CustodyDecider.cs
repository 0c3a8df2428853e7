using CustodySteps = TrustSafety.Contracts.DeviceRegister.CustodySteps;
using CustodyStates = TrustSafety.Contracts.DeviceRegister.CustodyStates;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.EventSourcing;

namespace TrustSafety.DeviceRegister.Custody;

public static class PowerStates
{
    public const string LeftOn = "left-on";
    public const string FoundOff = "found-off";
    public const string ShutDown = "shut-down";
}

public sealed record RecordCustodyStep(
    string? Step, string? Location, Guid? IncidentId = null, string? SealNumber = null, string? PowerState = null,
    string? AuthorisedBy = null, string? ActionsTaken = null, string? PoliceReference = null, string? ReceivedBy = null,
    string? Reason = null);

/// <summary>
/// The evidential custody chain as a state machine. A step may only follow the states listed for it, so the chain
/// cannot skip or reverse (no return while the police hold the device), and every refusal names the allowed next steps.
/// </summary>
public static class CustodyDecider
{
    private sealed record Rule(string ToState, string[] From, bool PersonalOnly = false, bool SchoolOnly = false);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        [CustodySteps.HandedIn] = new(CustodyStates.HandedIn, [CustodyStates.NotHeld], PersonalOnly: true),
        [CustodySteps.Stored] = new(CustodyStates.Stored, [CustodyStates.HandedIn], PersonalOnly: true),
        [CustodySteps.Quarantined] = new(CustodyStates.Quarantined,
            [CustodyStates.NotHeld, CustodyStates.HandedIn, CustodyStates.Stored, CustodyStates.Examined, CustodyStates.ReturnedByPolice]),
        [CustodySteps.Examined] = new(CustodyStates.Examined,
            [CustodyStates.HandedIn, CustodyStates.Stored, CustodyStates.Quarantined]),
        [CustodySteps.HandedToPolice] = new(CustodyStates.WithPolice, [CustodyStates.Quarantined, CustodyStates.Examined]),
        [CustodySteps.ReturnedByPolice] = new(CustodyStates.ReturnedByPolice, [CustodyStates.WithPolice]),
        [CustodySteps.ReturnedToParent] = new(CustodyStates.NotHeld,
            [CustodyStates.HandedIn, CustodyStates.Stored, CustodyStates.Quarantined, CustodyStates.Examined, CustodyStates.ReturnedByPolice],
            PersonalOnly: true),
        [CustodySteps.Released] = new(CustodyStates.NotHeld,
            [CustodyStates.Quarantined, CustodyStates.Examined, CustodyStates.ReturnedByPolice], SchoolOnly: true),
    };

    /// <summary>The steps that may follow <paramref name="state"/> for a device of this ownership.</summary>
    public static IReadOnlyList<string> NextSteps(string state, string ownership) => Rules
        .Where(r => r.Value.From.Contains(state) && Fits(r.Value, ownership))
        .Select(r => r.Key).ToList();

    /// <summary>Every field the step needs, named with the fix; empty when the command is complete.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(RecordCustodyStep c)
    {
        var errors = new FieldErrors();
        void Require(string field, string? value, string fix)
        {
            if (string.IsNullOrWhiteSpace(value)) errors.Add(field, fix);
            else errors.When(value.Length > 500, field, "Keep it under 500 characters.");
        }
        if (string.IsNullOrWhiteSpace(c.Step) || !Rules.ContainsKey(c.Step))
        {
            return errors.Add("step", $"Give one of: {string.Join(", ", CustodySteps.All)}.").ToDictionary();
        }
        Require("location", c.Location, "Say where the device is now (e.g. 'DSL office safe').");
        switch (c.Step)
        {
            case CustodySteps.Quarantined:
                Require("sealNumber", c.SealNumber, "Seal the device in an evidence bag and give the seal number.");
                if (c.PowerState == PowerStates.ShutDown)
                    errors.Add("powerState", "Do not shut the device down: evidence could be erased. Leave it on and move it to a secure place.");
                else if (c.PowerState is not (PowerStates.LeftOn or PowerStates.FoundOff))
                    errors.Add("powerState", $"Say '{PowerStates.LeftOn}' (it must not be shut down) or '{PowerStates.FoundOff}' if it was already off.");
                break;
            case CustodySteps.Examined:
                Require("authorisedBy", c.AuthorisedBy, "Name the role of who authorised the search (e.g. 'headteacher').");
                Require("actionsTaken", c.ActionsTaken, "Describe what was done during the examination.");
                break;
            case CustodySteps.HandedToPolice:
                Require("policeReference", c.PoliceReference, "Give the police reference (crime or incident number).");
                Require("receivedBy", c.ReceivedBy, "Give the receiving officer's collar number or role.");
                break;
            case CustodySteps.ReturnedToParent:
                Require("receivedBy", c.ReceivedBy, "Say who collected the phone (e.g. 'mother', 'carer').");
                break;
            case CustodySteps.Released:
                Require("reason", c.Reason, "Say why the device is released from custody.");
                break;
        }
        return errors.ToDictionary();
    }

    public static Decision Decide(Device device, RecordCustodyStep c, Actor actor, DateTimeOffset now)
    {
        var step = c.Step!;
        var rule = Rules[step];
        var state = device.CustodyState;
        var personal = device.Ownership == Ownerships.PupilPersonal;

        if (rule.PersonalOnly && !personal)
            return Decision.Conflict("Step is for a pupil's personal phone", step == CustodySteps.ReturnedToParent
                ? "A school device is not returned to a parent; record 'released' when it leaves custody."
                : $"'{step}' applies to a pupil's personal phone. A school device that may hold evidence is 'quarantined'.");
        if (rule.SchoolOnly && personal)
            return Decision.Conflict("Step is for a school device",
                "A pupil's personal phone leaves custody by being returned to a parent: record 'returned-to-parent'.");
        if (state == CustodyStates.NotHeld && device.Status != DeviceStatuses.Active)
            return Decision.Conflict("Device is not in service", $"The device is {device.Status}; it cannot enter custody.");
        if (!rule.From.Contains(state))
            return Decision.Conflict("Custody step not allowed now", Explain(device, step, state));

        return Decision.Accept(new CustodyStepRecorded(device.Id, step, state, rule.ToState, c.Location!.Trim(), c.IncidentId,
            Trim(c.SealNumber), Trim(c.PowerState), Trim(c.AuthorisedBy), Trim(c.ActionsTaken), Trim(c.PoliceReference),
            Trim(c.ReceivedBy), Trim(c.Reason), RecordedBy.Of(actor), now, device.Ownership));
    }

    private static string Explain(Device device, string step, string state)
    {
        var next = NextSteps(state, device.Ownership);
        var allowed = next.Count == 0 ? "none" : string.Join(", ", next);
        if (state == CustodyStates.WithPolice)
            return $"The device is held by the police (reference {device.PoliceReference}); '{step}' is not possible until the police " +
                   $"return it: record '{CustodySteps.ReturnedByPolice}' first. Allowed next: {allowed}.";
        if (state == step || (step == CustodySteps.Quarantined && state == CustodyStates.Quarantined))
            return $"The device is already '{state}'. Allowed next: {allowed}.";
        if (state == CustodyStates.NotHeld)
            return $"The device is not in custody, so '{step}' cannot be recorded. Start the chain with: {allowed}.";
        return $"'{step}' cannot follow '{state}': the chain cannot skip or reverse steps. Allowed next: {allowed}.";
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Fits(Rule rule, string ownership) =>
        !(rule.PersonalOnly && ownership != Ownerships.PupilPersonal) && !(rule.SchoolOnly && ownership == Ownerships.PupilPersonal);
}
