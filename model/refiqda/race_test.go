//go:build race

package refiqda

// raceEnabled: the race detector slows SQLite's Go code down tenfold, so
// the largest tests shrink under it.
const raceEnabled = true
