package assets_test

import (
	"fmt"

	"codeberg.org/verbatim/verbatim/assets"
)

func ExampleCodebook() {
	for _, c := range assets.Codebook("en") {
		fmt.Println(c.Color, c.Name)
	}
	// Output:
	// #E69F00 Break patterns by making new connections
	// #56B4E9 Share what you learn
	// #009E73 Start from motivation
	// #F0E442 Make the big ideal small and concrete
	// #CC79A7 The road there often teaches more than the end result
	// #D55E00 Learn from success and failure
}

func ExampleDemoInterviews() {
	for _, iv := range assets.DemoInterviews("en") {
		keys := 0
		for _, c := range iv.Codings {
			if c.Key {
				keys++
			}
		}
		fmt.Println(iv.Name)
		fmt.Printf("  %s: %s, %s\n", iv.Participant, iv.Attributes[0].Value, iv.Attributes[1].Value)
		fmt.Printf("  %d codings, %d key quotes\n", len(iv.Codings), keys)
	}
	// Output:
	// Example interview Sanne (fictional).txt
	//   Sanne de Vries: Programme manager for social services, Municipality of Lindewaard
	//   10 codings, 4 key quotes
	// Example interview Karin (fictional).txt
	//   Karin Wolters: Policy adviser for the energy transition, Province of Heuvelmark
	//   8 codings, 3 key quotes
	// Example interview Yasmina (fictional).txt
	//   Yasmina Bouzid: Trainee in the regional traineeship, Municipality of Aldervoort
	//   7 codings, 2 key quotes
}
