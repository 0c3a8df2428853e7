using TrustSafety.Reporting.Standards;

namespace TrustSafety.Reporting.RecordingFilteringStandards;

public sealed record NameResponsibilities(string? SltMember, string? Governor);
public sealed record RecordReview(DateOnly? ReviewedOn, string? Outcome, DateOnly? NextReviewDue, ReviewParticipants? Participants = null,
    List<ChecklistAnswer>? Checklist = null);
public sealed record RecordDecision(string? Kind, string? What, string? Reason, DateOnly? DecidedOn, string? RequestedBy = null, string? ApprovedBy = null,
    DateOnly? Until = null);

/// <summary>Pure validation of standards evidence; every bad field is named with its fix.</summary>
public static class StandardsDecisions
{
    public static readonly string[] DecisionKinds = ["block", "allow"];

    public static Dictionary<string, string[]> Check(NameResponsibilities c)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        StandardsFields.Required(errors, "sltMember", c.SltMember, "Name the senior leader responsible for filtering and monitoring.");
        StandardsFields.Required(errors, "governor", c.Governor, "Name the governor who oversees filtering and monitoring.");
        return errors;
    }

    public static Dictionary<string, string[]> Check(RecordReview c, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (c.ReviewedOn is null) errors["reviewedOn"] = ["Give the review date, e.g. 2026-09-15."];
        else if (c.ReviewedOn > today) errors["reviewedOn"] = ["A review cannot be dated in the future."];
        StandardsFields.Required(errors, "outcome", c.Outcome, "Summarise the outcome of the review.");
        if (c.NextReviewDue is { } due && c.ReviewedOn is { } on && due <= on) errors["nextReviewDue"] = ["The next review must be after this one."];
        StandardsFields.Required(errors, "participants.slt", c.Participants?.Slt, "Name the senior leader who took part in the review.");
        StandardsFields.Required(errors, "participants.dsl", c.Participants?.Dsl, "Name the DSL who took part in the review.");
        StandardsFields.Required(errors, "participants.it", c.Participants?.It, "Name who took part for IT (the school's IT lead or service provider).");
        var answers = c.Checklist ?? [];
        for (var i = 0; i < answers.Count; i++)
        {
            var a = answers[i];
            if (a.Item is null || ReviewChecklist.Items.All(x => x.Code != a.Item))
                errors[$"checklist[{i}].item"] = [$"item must be one of {string.Join(", ", ReviewChecklist.Items.Select(x => x.Code))}."];
            else if (answers.Take(i).Any(b => b.Item == a.Item))
                errors[$"checklist[{i}].item"] = [$"{a.Item} is answered twice; answer each item once."];
            if (a.Done is null) errors[$"checklist[{i}].done"] = ["Say whether this was done (true or false)."];
            else if (a.Done == false && string.IsNullOrWhiteSpace(a.Note)) errors[$"checklist[{i}].note"] = ["Say what will be done about an item not done, and by when."];
            if (a.Note is { Length: > 500 }) errors[$"checklist[{i}].note"] = ["Keep it under 500 characters."];
        }
        var missing = ReviewChecklist.Items.Where(x => answers.All(a => a.Item != x.Code)).Select(x => x.Code).ToList();
        if (missing.Count > 0) errors["checklist"] = [$"Answer every checklist item; missing: {string.Join(", ", missing)}."];
        return errors;
    }

    public static Dictionary<string, string[]> Check(RecordDecision c, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (c.Kind is null || !DecisionKinds.Contains(c.Kind)) errors["kind"] = ["Use kind 'block' or 'allow'."];
        StandardsFields.Required(errors, "what", c.What, "Say what is blocked or allowed (a category, site or service).");
        StandardsFields.Required(errors, "reason", c.Reason, "Give the reason for the decision.");
        if (c.DecidedOn is null) errors["decidedOn"] = ["Give the decision date, e.g. 2026-09-15."];
        else if (c.DecidedOn > today) errors["decidedOn"] = ["A decision cannot be dated in the future."];
        StandardsFields.Required(errors, "requestedBy", c.RequestedBy, "Say who asked for it (a name and role, e.g. J. Smith, Year 9 history).");
        StandardsFields.Required(errors, "approvedBy", c.ApprovedBy, "Say who approved it (a name and role, e.g. A. Okafor, DSL).");
        if (c.Until is { } until && c.DecidedOn is { } on && until <= on) errors["until"] = ["until must be after the decision date; leave it out for no end date."];
        return errors;
    }
}
