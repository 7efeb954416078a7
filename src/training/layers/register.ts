/**
 * Serialization registration for the custom sequence layers (positional encoding, multi-head
 * attention, Transformer blocks). The classes themselves live in src/models/catalog/ (customLayers.ts
 * makes and caches them), made from the `tf` argument, because the catalog's `build` must construct
 * them and src/models may not load TF.js or import src/training.
 */
export { registerSequenceLayers } from '../../models/catalog/customLayers';
