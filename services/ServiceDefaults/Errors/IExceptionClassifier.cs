namespace TrustSafety.ServiceDefaults.Errors;

/// <summary>What a client is told about one failure: the status, a title and what to do next.</summary>
public sealed record ExceptionProblem(int Status, string Title, string Detail);

/// <summary>
/// Maps one family of exceptions (the event store's, say) to a problem a client can act on. The
/// <see cref="PlatformExceptionHandler"/> asks every registered classifier, in registration order, before its own rules,
/// so hosting stays free of storage and messaging libraries.
/// </summary>
public interface IExceptionClassifier
{
    /// <summary>The problem for <paramref name="exception"/>, or null when it is not one this classifier knows.</summary>
    ExceptionProblem? Classify(Exception exception);
}
