global using SimLoop.Networking;
