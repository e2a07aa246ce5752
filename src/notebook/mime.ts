/** Output types the workbench's notebook helpers emit and the exporter reads. */
export const BLOCKS_MIME = 'application/vnd.workbench.blocks+json';
export const PROVENANCE_MIME = 'application/vnd.workbench.provenance+json';
