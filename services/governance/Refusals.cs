using Microsoft.AspNetCore.Http.HttpResults;

namespace TrustSafety.Governance;

/// <summary>A decider's rejection as the typed answer of an endpoint that creates a record (400 listing every field, or its own status).</summary>
public static class Refusals
{
    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> Created<T>(Rejection rejection) =>
        ChangeProblems.From(rejection).Result switch
        {
            ValidationProblem invalid => invalid,
            ProblemHttpResult problem => problem,
            _ => throw new ArgumentOutOfRangeException(nameof(rejection), "A rejection is a validation problem or a problem."),
        };
}
