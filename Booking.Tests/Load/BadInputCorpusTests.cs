using Booking.Load;
using Booking.Load.Runners;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Load;

/// <summary>The short bad-input run of tools/load/run.sh against the real app: no 5xx, an OperationOutcome for every error.</summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class BadInputCorpusTests
{
    [Fact]
    public async Task Corpus_MalformedFhirRequests_NoServerErrorEveryErrorAnOperationOutcomeAppHealthyAfter()
    {
        var result = await CorpusScenario.RunAsync(Targets.QuickCorpus, Targets.CorpusSeed);

        result.ServerErrors.Should().BeEmpty();
        result.NotOperationOutcome.Should().BeEmpty();
        result.NoReply.Should().BeEmpty();
        result.HealthyAfter.Should().BeTrue();
        result.Sent.Should().Be(Targets.QuickCorpus);
    }

    [Fact]
    public void Generate_SameSeed_SameRequests()
    {
        static List<string> Corpus() =>
            new BadInputCorpus(Targets.CorpusSeed, "t1-20261130-0830", "2026-11-30T08:30:00+00:00", "2026-11-30T08:40:00+00:00", Guid.Empty.ToString())
                .Generate(300).Select(r => r.Describe()).ToList();

        Corpus().Should().Equal(Corpus());
    }
}
