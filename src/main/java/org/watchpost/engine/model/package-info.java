/** Immutable records shared by the engine, the store and the reports. No JavaFX here. */
package org.watchpost.engine.model;
