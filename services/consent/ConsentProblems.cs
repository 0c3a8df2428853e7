using Microsoft.AspNetCore.Http.HttpResults;

namespace TrustSafety.Consent;

/// <summary>Rejections as the typed answers of consent's endpoints that do not go through the change path.</summary>
public static class ConsentProblems
{
    /// <summary>The decider's rejection (400 listing every field, or its own status) as an endpoint's typed answer.</summary>
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Rejected<T>(Rejection rejection) =>
        ChangeProblems.From(rejection).Result switch
        {
            ValidationProblem invalid => invalid,
            ProblemHttpResult problem => problem,
            _ => throw new ArgumentOutOfRangeException(nameof(rejection), "A rejection is a validation problem or a problem."),
        };
}
