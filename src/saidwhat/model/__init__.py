"""The trained attribution model, a module per stage: `features` (the CRF's token features
and the clusters of spaCy's token vectors), `encoder` (MiniLM-L6's tag probabilities, with
onnxruntime), `tags` (BIO tags, spans and decoding), `layout` (rules for transcript lines
and signatures), `linking` (spans into quotes), `calibration` (a quote's confidence) and
`tagger` (the model that runs them: `Tagger.load()`); `train` and `train_encoder` build it
from PolNeAR."""
