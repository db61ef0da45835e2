//go:build !race

package refiqda

const raceEnabled = false
