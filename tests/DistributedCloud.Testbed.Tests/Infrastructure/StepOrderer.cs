using Xunit.Abstractions;
using Xunit.Sdk;

namespace DistributedCloud.Testbed.Tests.Infrastructure;

/// <summary>
/// Runs a class's scenarios in the order of their <see cref="StepAttribute"/>: the controller scenarios build on each
/// other (a subcloud converted to dual-stack is converted back by the next one), which keeps the bed's run short. Each
/// scenario still checks its own starting point, so one can run alone on a fresh bed.
/// </summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string TypeName = "DistributedCloud.Testbed.Tests.Infrastructure.StepOrderer";
    public const string AssemblyName = "DistributedCloud.Testbed.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(c => Order(c)).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Order(ITestCase testCase) =>
        testCase.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName).FirstOrDefault() is { } step
            ? step.GetConstructorArguments().Cast<int>().First()
            : int.MaxValue;
}
