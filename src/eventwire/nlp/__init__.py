"""Language -> spaCy model resolution, text normalisation that keeps offsets, sentence segmentation."""
