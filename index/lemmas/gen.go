package lemmas

// nl_lemmas.txt is made by the generator in ./gen from hunspell-nl:
//
//	apt-get install hunspell-nl
//	go generate ./index/lemmas
//
//go:generate go run ./gen
