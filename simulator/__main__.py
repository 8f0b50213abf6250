from simulator.entry import entry

entry()
