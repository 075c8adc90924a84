package org.watchpost.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import org.watchpost.ui.common.Fxml;

/** The main window's frame: the sidebar navigation and the page area. */
public final class MainView {
    public enum Page { SCANS, VULNERABILITIES, INVESTIGATIONS, MONITORS, SETTINGS }

    private final Parent root;
    private final Map<Page, Supplier<Node>> factories = new LinkedHashMap<>();
    private final Map<Page, Node> pages = new LinkedHashMap<>();
    private final ToggleGroup group = new ToggleGroup();
    private final String footerText;

    @FXML private ImageView logo;
    @FXML private ToggleButton navScans;
    @FXML private ToggleButton navVulnerabilities;
    @FXML private ToggleButton navInvestigations;
    @FXML private ToggleButton navMonitors;
    @FXML private ToggleButton navSettings;
    @FXML private javafx.scene.control.Button navHelp;
    @FXML private Label footer;
    @FXML private StackPane content;

    public MainView(String footerText) {
        this.footerText = footerText;
        this.root = Fxml.load(MainView.class, "MainView.fxml", this);
    }

    @FXML
    private void initialize() {
        var icon = MainView.class.getResource("/org/watchpost/icons/watchpost-64.png");
        if (icon != null) logo.setImage(new Image(icon.toExternalForm()));
        footer.setText(footerText);
        bind(navScans, Page.SCANS);
        bind(navVulnerabilities, Page.VULNERABILITIES);
        bind(navInvestigations, Page.INVESTIGATIONS);
        bind(navMonitors, Page.MONITORS);
        bind(navSettings, Page.SETTINGS);
        // a selected toggle stays selected: clicking it again does not leave the window blank
        group.selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null && old != null) old.setSelected(true);
        });
    }

    private void bind(ToggleButton b, Page page) {
        b.setToggleGroup(group);
        b.setUserData(page);
        b.setOnAction(e -> show(page));
    }

    public void register(Page page, Supplier<Node> factory) {
        factories.put(page, factory);
    }

    /** Replaces a page's content (e.g. a scan's details inside the Scans area). */
    public void showNode(Page page, Node node) {
        selectToggle(page);
        content.getChildren().setAll(node);
    }

    private final Map<Page, Runnable> onShow = new LinkedHashMap<>();

    /** Runs {@code r} each time the page is shown from the navigation (e.g. to refresh it). */
    public void onShow(Page page, Runnable r) {
        onShow.put(page, r);
    }

    public void show(Page page) {
        selectToggle(page);
        Runnable r = onShow.get(page);
        if (r != null) r.run();
        Node node = pages.computeIfAbsent(page, p -> factories.getOrDefault(p, () -> new Label("")).get());
        content.getChildren().setAll(node);
    }

    private void selectToggle(Page page) {
        group.getToggles().stream().filter(t -> t.getUserData() == page).findFirst().ifPresent(t -> t.setSelected(true));
    }

    public Page current() {
        var t = group.getSelectedToggle();
        return t == null ? null : (Page) t.getUserData();
    }

    public Parent root() {
        return root;
    }

    /** The sidebar's Help button (its menu is attached by the app). */
    public javafx.scene.control.Button helpButton() {
        return navHelp;
    }

    /** A simple page with a title and an explanatory empty state. */
    public static Parent placeholder(String title, String headline, String body) {
        PlaceholderController c = new PlaceholderController();
        Parent p = Fxml.load(MainView.class, "PlaceholderView.fxml", c);
        c.title.setText(title);
        c.headline.setText(headline);
        c.body.setText(body);
        return p;
    }

    static final class PlaceholderController {
        @FXML Label title;
        @FXML Label headline;
        @FXML Label body;
    }
}
