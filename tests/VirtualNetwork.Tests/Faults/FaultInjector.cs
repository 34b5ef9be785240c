namespace SimLoop.Networking.Tests.Faults;

/// <summary>Switches the faults of a <see cref="FaultScenario"/> on and off, and heals them all at a fixed instant.</summary>
internal sealed class FaultInjector(VirtualNetwork network, ManualNetworkScheduler scheduler, string[] hosts)
{
    public void Schedule(IEnumerable<Fault> faults, long healTicks)
    {
        foreach (Fault fault in faults)
        {
            long on = TimeSpan.FromMilliseconds(fault.AtMs).Ticks;
            long off = Math.Min(healTicks, on + TimeSpan.FromMilliseconds(fault.DurationMs).Ticks);
            scheduler.At(on, () => SwitchOn(fault, off - on));
            scheduler.At(off, () => SwitchOff(fault));
        }

        scheduler.At(healTicks, HealAll);
    }

    private void SwitchOn(Fault fault, long durationTicks)
    {
        string from = hosts[fault.From], to = hosts[fault.To];
        switch (fault.Kind)
        {
            case FaultKind.Partition:
                network.Partition([from], [to]);
                break;
            case FaultKind.OneWayPartition:
                network.PartitionOneWay(from, to);
                break;
            case FaultKind.Clog:
                network.Clog(from, TimeSpan.FromTicks(Math.Max(1, durationTicks)));
                break;
            case FaultKind.SwizzleClog:
                // At most 2 x 3 steps: they all happen before the fault's end, so before the heal.
                network.SwizzleClog(TimeSpan.FromTicks(Math.Max(1, (long)(durationTicks * fault.Magnitude / 6))));
                break;
            case FaultKind.CrashRestart when network.GetHost(from).IsUp:
                network.Crash(from);
                break;
            case FaultKind.LatencySpike:
                network.SetLinkBothWays(from, to, new LinkSettings { Latency = LatencyModel.Exponential(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10 + (1000 * fault.Magnitude))) });
                break;
            case FaultKind.Loss:
                network.SetLink(from, to, new LinkSettings { LossRate = 0.05 + (0.6 * fault.Magnitude) });
                break;
            case FaultKind.Duplication:
                network.SetLinkBothWays(from, to, new LinkSettings { DuplicationRate = fault.Magnitude, ReorderRate = fault.Magnitude / 2 });
                break;
            case FaultKind.Hold:
                network.Hold(from, to);
                break;
            case FaultKind.BandwidthCap:
                network.SetLinkBothWays(from, to, new LinkSettings { BandwidthBytesPerSecond = 1000 + (long)(50_000 * fault.Magnitude) });
                break;
        }
    }

    private void SwitchOff(Fault fault)
    {
        string from = hosts[fault.From], to = hosts[fault.To];
        switch (fault.Kind)
        {
            case FaultKind.Partition:
                network.Repair([from], [to]);
                break;
            case FaultKind.OneWayPartition:
                network.RepairOneWay(from, to);
                break;
            case FaultKind.CrashRestart when !network.GetHost(from).IsUp:
                network.Restart(from);
                break;
            case FaultKind.LatencySpike or FaultKind.Duplication or FaultKind.BandwidthCap:
                network.SetLinkBothWays(from, to, null);
                break;
            case FaultKind.Loss:
                network.SetLink(from, to, null);
                break;
            case FaultKind.Hold:
                network.Release(from, to);
                break;
        }
    }

    /// <summary>Ends every fault: partitions, holds, link settings, clogs, crashes.</summary>
    private void HealAll()
    {
        network.RepairAll();
        foreach (string from in hosts)
        {
            foreach (string to in hosts.Where(h => h != from))
            {
                network.SetLink(from, to, null);
                network.Release(from, to);
            }
        }

        foreach (string host in hosts)
        {
            network.Unclog(host);
            if (!network.GetHost(host).IsUp)
            {
                network.Restart(host);
            }
        }
    }
}
