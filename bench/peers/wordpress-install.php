<?php
/*
 * Installs the WordPress site of the Jiyue baseline and loads its articles, without a browser
 * (Debian has no wp-cli): `php wordpress-install.php ARTICLES.json ADMIN_PASSWORD_FILE THEME`.
 * Called by bench/peers/wordpress.sh. Idempotent: an installed site is left as it is, articles
 * already there with the same title and content are not touched. Prints one summary line.
 */
if (PHP_SAPI !== 'cli') exit(1);
// Prefixed: WordPress's own loading code uses and unsets globals such as $theme.
[, $jiyueArticlesFile, $jiyuePasswordFile, $jiyueTheme] = $argv;

// wp-config.php (Debian's) picks /etc/wordpress/config-jiyue-bench.php from this.
$_SERVER['WORDPRESS_CONFIG'] = 'jiyue-bench';
$_SERVER['HTTP_HOST'] = '127.0.0.1:18480';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);
// No mail about the new site (pluggable; there is no MTA).
function wp_new_blog_notification() {}
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$done = [];
if (!is_blog_installed()) {
    $password = trim(file_get_contents($jiyuePasswordFile));
    wp_install('江苏省人民政府', 'admin', 'admin@example.invalid', false, '', $password);
    // The sample post, page and comment of a fresh install.
    foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'numberposts' => -1]) as $p) wp_delete_post($p->ID, true);
    $done[] = 'installed';
}
$options = [
    'permalink_structure' => '/zwgk/tzgg/%postname%.html',
    'timezone_string' => 'Asia/Shanghai',
    'blogdescription' => '江苏省人民政府门户网站',
    'default_comment_status' => 'closed',
];
foreach ($options as $name => $value) {
    if (get_option($name) !== $value) {
        update_option($name, $value);
        $done[] = "option $name";
    }
}
if (in_array('option permalink_structure', $done, true)) flush_rewrite_rules();
if (get_option('stylesheet') !== $jiyueTheme) {
    switch_theme($jiyueTheme);
    $done[] = "theme $jiyueTheme";
}

// Content as an editor with unfiltered_html would save it: no kses rewriting of the table.
kses_remove_filters();
$articles = json_decode(file_get_contents($jiyueArticlesFile), true, 512, JSON_THROW_ON_ERROR);
$inserted = 0;
$updated = 0;
foreach ($articles as $a) {
    $existing = get_posts(['name' => $a['slug'], 'post_type' => 'post', 'post_status' => 'any', 'numberposts' => 1]);
    $post = ['post_title' => $a['title'], 'post_content' => $a['content'], 'post_name' => $a['slug'], 'post_status' => 'publish', 'post_date' => $a['date'], 'comment_status' => 'closed'];
    if (!$existing) {
        $id = wp_insert_post($post, true);
        if (is_wp_error($id)) throw new RuntimeException($id->get_error_message());
        $inserted++;
    } elseif ($existing[0]->post_title !== $a['title'] || $existing[0]->post_content !== $a['content'] || $existing[0]->post_status !== 'publish') {
        $id = wp_update_post(['ID' => $existing[0]->ID] + $post, true);
        if (is_wp_error($id)) throw new RuntimeException($id->get_error_message());
        $updated++;
    }
}
$posts = (int) wp_count_posts('post')->publish;
$changes = $done || $inserted || $updated ? implode(', ', array_merge($done, ["$inserted articles inserted", "$updated updated"])) : 'nothing to do';
echo "wordpress: $posts published articles; $changes\n";
