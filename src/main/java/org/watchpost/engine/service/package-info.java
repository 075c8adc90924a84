/**
 * Service identification: what listens on an open TCP port, named from what it says.
 *
 * <p>{@link org.watchpost.engine.service.ServiceIdentifier} is the entry point;
 * {@link org.watchpost.engine.service.IdentifyOptions} bounds every wait;
 * {@link org.watchpost.engine.service.CpeTable} is the single product → CPE vendor:product table;
 * {@link org.watchpost.engine.service.BannerText} renders received bytes as evidence.
 * Imports nothing of ours but {@code engine.model} and {@code engine.Cancellation}.
 */
package org.watchpost.engine.service;
