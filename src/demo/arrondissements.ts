// The sixteen arrondissements as the generator sees them: where they are, how many schools,
// the share in priority education (REP/REP+), and the places and streets schools are named after.
export interface Arrondissement {
  n: number;
  centre: [lat: number, lon: number];
  // Half-extent in degrees around the centre where schools may sit.
  spread: [lat: number, lon: number];
  schools: number;
  priority: number;
  places: string[];
  streets: string[];
}

const a = (
  n: number,
  centre: [number, number],
  spread: [number, number],
  schools: number,
  priority: number,
  places: string[],
  streets: string[],
): Arrondissement => ({ n, centre, spread, schools, priority, places, streets });

export const ARRONDISSEMENTS: Arrondissement[] = [
  a(1, [43.2990, 5.3840], [0.005, 0.006], 16, 0.7,
    ['Belsunce', 'Le Chapitre', 'Noailles', 'Opéra', 'Saint-Charles', 'Thiers', 'Korsec'],
    ['cours Belsunce', 'rue Longue-des-Capucins', 'rue d\'Aubagne', 'boulevard d\'Athènes', 'rue Thubaneau', 'rue Consolat', 'rue des Convalescents']),
  a(2, [43.3070, 5.3660], [0.007, 0.006], 14, 0.7,
    ['Arenc', 'Les Grands-Carmes', 'Le Panier', 'La Joliette', 'Major', 'Lorette'],
    ['rue de la République', 'rue de l\'Évêché', 'boulevard des Dames', 'rue de Forbin', 'place de Lenche', 'rue Mazenod']),
  a(3, [43.3110, 5.3850], [0.007, 0.008], 32, 0.95,
    ['Belle de Mai', 'Saint-Lazare', 'Saint-Mauront', 'La Villette', 'National', 'Clovis Hugues', 'Bernard Cadenat', 'Félix Pyat'],
    ['boulevard National', 'rue Loubon', 'rue Clovis Hugues', 'rue Belle-de-Mai', 'boulevard de Plombières', 'rue Félix Pyat', 'rue Auphan']),
  a(4, [43.3045, 5.4010], [0.006, 0.008], 22, 0.3,
    ['Les Chartreux', 'Chutes-Lavie', 'Les Cinq-Avenues', 'La Blancarde', 'Bénédit', 'Chape', 'Boisson'],
    ['avenue des Chartreux', 'boulevard de la Blancarde', 'boulevard Boisson', 'rue Chape', 'avenue du Maréchal-Foch', 'rue Bénédit']),
  a(5, [43.2925, 5.3990], [0.005, 0.007], 18, 0.2,
    ['Baille', 'Le Camas', 'La Conception', 'Saint-Pierre', 'Chave', 'Ferrari'],
    ['rue Saint-Pierre', 'boulevard Baille', 'boulevard Chave', 'rue du Camas', 'rue Ferrari', 'rue Crillon']),
  a(6, [43.2865, 5.3810], [0.005, 0.006], 14, 0.05,
    ['Castellane', 'Lodi', 'Notre-Dame-du-Mont', 'Palais de Justice', 'Préfecture', 'Vauban', 'Breteuil'],
    ['rue de Rome', 'boulevard Notre-Dame', 'rue Breteuil', 'rue Paradis', 'boulevard Vauban', 'rue de Lodi']),
  a(7, [43.2815, 5.3580], [0.006, 0.009], 16, 0.05,
    ['Bompard', 'Les Catalans', 'Endoume', 'Le Pharo', 'Le Roucas-Blanc', 'Saint-Lambert', 'Saint-Victor', 'Malmousque'],
    ['boulevard de la Corderie', 'rue d\'Endoume', 'chemin du Roucas-Blanc', 'rue Sainte', 'boulevard Bompard', 'rue des Catalans']),
  a(8, [43.2510, 5.3850], [0.014, 0.012], 40, 0.05,
    ['Bonneveine', 'Montredon', 'Périer', 'La Plage', 'Pointe-Rouge', 'Le Rouet', 'Sainte-Anne', 'Saint-Giniez', 'Vieille-Chapelle', 'Les Goudes', 'Prado Plage'],
    ['avenue de Mazargues', 'avenue du Prado', 'avenue de Bonneveine', 'traverse de la Martine', 'boulevard Michelet', 'avenue de la Pointe-Rouge', 'chemin du Sablier']),
  a(9, [43.2560, 5.4200], [0.013, 0.014], 40, 0.15,
    ['Le Cabot', 'Mazargues', 'La Panouse', 'Redon', 'Sainte-Marguerite', 'Vaufrèges', 'La Cayolle', 'Les Baumettes', 'La Soude'],
    ['boulevard de Sainte-Marguerite', 'avenue de la Jarre', 'boulevard du Redon', 'chemin de Morgiou', 'boulevard de la Panouse', 'boulevard Paul-Claudel']),
  a(10, [43.2780, 5.4200], [0.009, 0.011], 28, 0.3,
    ['La Capelette', 'Menpenti', 'Pont-de-Vivaux', 'Saint-Loup', 'Saint-Tronc', 'La Timone', 'Saint-Jean-du-Désert'],
    ['boulevard de Saint-Loup', 'rue Saint-Jean-du-Désert', 'boulevard Rabatau', 'boulevard Lazer', 'avenue de la Capelette', 'boulevard Mireille-Lauze']),
  a(11, [43.2900, 5.4700], [0.014, 0.022], 36, 0.25,
    ['Les Accates', 'La Barasse', 'Les Camoins', 'Éoures', 'La Millière', 'Saint-Marcel', 'La Pomme', 'La Treille', 'La Valbarelle', 'La Valentine', 'Air-Bel', 'Saint-Menet'],
    ['route des Camoins', 'boulevard de la Valbarelle', 'avenue de Saint-Menet', 'chemin des Accates', 'traverse de la Penne', 'boulevard de la Pomme']),
  a(12, [43.3080, 5.4450], [0.011, 0.014], 30, 0.1,
    ['Les Caillols', 'La Fourragère', 'Montolivet', 'Saint-Barnabé', 'Saint-Julien', 'Les Trois-Lucs', 'Beaumont', 'Bois-Luzy'],
    ['avenue de Saint-Julien', 'avenue des Caillols', 'chemin de la Fourragère', 'boulevard Bouyala-d\'Arnaud', 'avenue de Montolivet', 'chemin des Trois-Lucs']),
  a(13, [43.3480, 5.4300], [0.016, 0.016], 56, 0.55,
    ['Château-Gombert', 'La Croix-Rouge', 'Malpassé', 'Les Médecins', 'Les Mourets', 'Les Olives', 'Palama', 'La Rose', 'Saint-Jérôme', 'Saint-Just', 'Saint-Mitre', 'Frais-Vallon', 'Les Lilas'],
    ['chemin de Château-Gombert', 'avenue de Frais-Vallon', 'avenue de la Croix-Rouge', 'avenue Jean-Paul-Sartre', 'boulevard Charles-Moretti', 'avenue de Saint-Jérôme']),
  a(14, [43.3440, 5.3950], [0.010, 0.011], 40, 0.75,
    ['Les Arnavaux', 'Bon-Secours', 'Le Canet', 'Le Merlan', 'Saint-Barthélemy', 'Saint-Joseph', 'Sainte-Marthe', 'Font-Vert', 'La Busserine', 'Le Castellas'],
    ['chemin de Sainte-Marthe', 'avenue Salvador-Allende', 'avenue du Merlan', 'boulevard Jourdan', 'boulevard Danielle-Casanova', 'chemin de Bon-Secours']),
  a(15, [43.3560, 5.3620], [0.013, 0.013], 54, 0.85,
    ['Les Aygalades', 'Les Borels', 'La Cabucelle', 'La Calade', 'Les Crottes', 'La Delorme', 'Notre-Dame-Limite', 'Saint-Antoine', 'Saint-Louis', 'Verduron', 'La Viste', 'La Savine', 'La Bricarde'],
    ['boulevard Henri-Barnier', 'chemin de la Madrague-Ville', 'avenue de Saint-Louis', 'chemin de la Bigotte', 'rue de Lyon', 'avenue de la Viste']),
  a(16, [43.3610, 5.3250], [0.008, 0.012], 14, 0.5,
    ['L\'Estaque', 'Les Riaux', 'Saint-André', 'Saint-Henri', 'Estaque Gare', 'Mourepiane'],
    ['rue Rabelais', 'boulevard Grawitz', 'chemin de la Nerthe', 'boulevard Roger-Chieusse', 'chemin du Passet', 'place de l\'Église']),
];

export function postcodeOf(arrondissement: number): string {
  return `130${String(arrondissement).padStart(2, '0')}`;
}
