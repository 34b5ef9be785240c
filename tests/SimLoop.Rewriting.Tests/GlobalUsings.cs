global using Shouldly;
global using SimLoop;
global using SimLoop.Exploration;
global using SimLoop.Scheduling;
global using Xunit;
