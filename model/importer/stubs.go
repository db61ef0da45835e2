package importer

import "verbatim/model"

func readPDF(data []byte, opts Options) (model.NewDocument, error) {
	return model.NewDocument{}, failf(ErrUnsupported, nil, "PDF files cannot be imported yet (save the PDF as text or Word and import that)")
}
