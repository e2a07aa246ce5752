/** Address behaviour profiles from the Midgard store: features, k-means by silhouette, named profiles, agreement with the simulator's agents. */
export { addressFeatures, FEATURE_NAMES, type AddressFeatures } from './features';
export { kmeans, chooseK, silhouette, standardise, type KMeansResult, type Matrix } from './kmeans';
export { adjustedRandIndex, purityByCluster } from './agreement';
export { nameClusters } from './names';
export { profileAddresses, writeProfilesParquet, type AddressProfile, type ProfilesResult } from './run';
export { profilesReport, writeProfilesReport } from './report';
