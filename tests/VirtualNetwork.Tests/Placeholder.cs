namespace SimLoop.VirtualNetwork.Tests;
