global using SimLoop.Networking;
global using SimLoop.Choices;
